using GymCoach.Lambda.Deployment;
using GymCoach.Lambda.Runtime;

namespace GymCoach.Lambda.Functions;

/// <summary>
/// The functions one executable can be, by the name the template gives each as its <c>Handler</c> (Lambda
/// passes it as <c>_HANDLER</c>). A service's bootstrap may serve its HTTP API and, say, a stream consumer:
/// one build, one binary, two functions. Only the chosen function is initialised.
/// </summary>
public sealed class FunctionTable
{
    /// <summary>The handler name of the HTTP function: what a provided.al2023 bootstrap is usually given.</summary>
    public const string DefaultHandler = "bootstrap";

    private readonly Dictionary<string, Func<IInvocationHandler>> _functions = new(StringComparer.Ordinal);
    private readonly List<FunctionDeclaration> _declarations = [];

    public IReadOnlyCollection<string> Handlers => _functions.Keys;

    /// <summary>The deployment declarations of the functions added with one, in order: what the build writes the template from.</summary>
    public IReadOnlyList<FunctionDeclaration> Declarations => _declarations;

    /// <summary>Adds the function <paramref name="declaration"/> describes, selected by its <see cref="FunctionDeclaration.Handler"/>.</summary>
    public FunctionTable Add(FunctionDeclaration declaration, Func<IInvocationHandler> initialize)
    {
        Add(declaration.Handler, initialize);
        _declarations.Add(declaration);
        return this;
    }

    public FunctionTable Add(string handler, Func<IInvocationHandler> initialize)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(handler);
        if (!_functions.TryAdd(handler, initialize))
        {
            throw new ArgumentException($"Handler '{handler}' is declared twice.", nameof(handler));
        }

        return this;
    }

    /// <summary>The initialiser for <paramref name="handler"/> (null or empty: <see cref="DefaultHandler"/>); an unknown one is an init error naming the known ones.</summary>
    public Func<IInvocationHandler> Select(string? handler)
    {
        var name = string.IsNullOrEmpty(handler) ? DefaultHandler : handler;
        return _functions.TryGetValue(name, out var initialize)
            ? initialize
            : () => throw new InvalidOperationException($"_HANDLER '{name}' is not one of this executable's functions: {string.Join(", ", _functions.Keys)}.");
    }
}
