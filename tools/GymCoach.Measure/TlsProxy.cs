using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using GymCoach.LocalInfra;

namespace GymCoach.Measure;

/// <summary>
/// stunnel (Debian's stunnel4) terminating TLS in front of a local port, with a throwaway self-signed
/// certificate for localhost: DynamoDB reached over HTTPS, as on AWS, without leaving the machine.
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
        CertificateFile = Path.Combine(directory.FullName, "cert.pem");
    }

    public string Endpoint { get; }

    public string CertificateFile { get; }

    public static async Task<TlsProxy> StartAsync(int targetPort)
    {
        var stunnel = new[] { "/usr/bin/stunnel4", "/usr/bin/stunnel" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("stunnel is not installed: apt-get install stunnel4");
        var directory = Directory.CreateTempSubdirectory("gymcoach-tls-");
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
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
