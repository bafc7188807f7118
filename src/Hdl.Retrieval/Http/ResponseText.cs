namespace Hdl.Retrieval.Http;

/// <summary>Wording of a remote service's answer in our error messages.</summary>
internal static class ResponseText
{
    /// <summary>A body that is not the service's structured error (a proxy's page, plain text), shortened for a message.</summary>
    public static string Quote(string body)
    {
        var trimmed = body.Trim();
        return trimmed.Length == 0 ? "(empty body)" : trimmed.Length <= 300 ? trimmed : string.Concat(trimmed.AsSpan(0, 300), "…");
    }
}
