using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using GymCoach.LocalInfra;

namespace GymCoach.Measure;

/// <summary>
/// stunnel (Debian's stunnel4) terminating TLS in front of a local port: DynamoDB reached over HTTPS, as on
/// AWS, without leaving the machine. A throwaway CA is generated for each run and signs the server's
/// certificate for localhost; bootstraps trust the CA alone (<see cref="CertificateFile"/> as
/// <c>SSL_CERT_FILE</c>), so they verify a chain as they would against AWS's endpoint.
/// </summary>
internal sealed class TlsProxy : IAsyncDisposable
{
    private readonly ChildProcess _process;
    private readonly DirectoryInfo _directory;

    private TlsProxy(ChildProcess process, DirectoryInfo directory, int port)
    {
        _process = process;
        _directory = directory;
        Endpoint = $"https://localhost:{port}";
        CertificateFile = Path.Combine(directory.FullName, "ca.pem");
    }

    public string Endpoint { get; }

    /// <summary>The CA certificate (PEM) the clients trust.</summary>
    public string CertificateFile { get; }

    public static async Task<TlsProxy> StartAsync(int targetPort)
    {
        var stunnel = new[] { "/usr/bin/stunnel4", "/usr/bin/stunnel" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("stunnel is not installed: apt-get install stunnel4");
        var directory = Directory.CreateTempSubdirectory("gymcoach-tls-");
        var from = DateTimeOffset.UtcNow.AddMinutes(-5);
        using var caKey = RSA.Create(2048);
        var caRequest = new CertificateRequest("CN=GymCoach measurement CA", caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: true, pathLengthConstraint: 0, critical: true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, critical: false));
        using var ca = caRequest.CreateSelfSigned(from, from.AddDays(2));

        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        using var certificate = request.Create(ca, from, from.AddDays(1), RandomNumberGenerator.GetBytes(16));
        await File.WriteAllTextAsync(Path.Combine(directory.FullName, "ca.pem"), ca.ExportCertificatePem());
        await File.WriteAllTextAsync(Path.Combine(directory.FullName, "cert.pem"), certificate.ExportCertificatePem());
        await File.WriteAllTextAsync(Path.Combine(directory.FullName, "key.pem"), key.ExportPkcs8PrivateKeyPem());
        var port = FreePort.Next();
        var config = Path.Combine(directory.FullName, "stunnel.conf");
        await File.WriteAllTextAsync(config, $"""
            foreground = yes
            pid =
            [dynamodb]
            accept = 127.0.0.1:{port}
            connect = 127.0.0.1:{targetPort}
            cert = {Path.Combine(directory.FullName, "cert.pem")}
            key = {Path.Combine(directory.FullName, "key.pem")}
            """);
        var process = ChildProcess.Start("stunnel", stunnel, [config]);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            try
            {
                using var probe = new System.Net.Sockets.TcpClient();
                await probe.ConnectAsync(System.Net.IPAddress.Loopback, port);
                return new TlsProxy(process, directory, port);
            }
            catch (System.Net.Sockets.SocketException)
            {
                await Task.Delay(50);
            }
        }

        throw new InvalidOperationException("stunnel did not start:\n" + process.Output);
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        _directory.Delete(recursive: true);
    }
}
