namespace Portal.Web.Infrastructure;

/// <summary>How a procedure's document is marked beside its name, once: a name that already says "(nếu có)" gets nothing more.</summary>
public static class DocumentMarks
{
    public static string For(Portal.Core.Catalog.RequiredDocument document)
    {
        var (vi, en) = document.Mandatory ? ("bắt buộc", "required") : ("nếu có", "if any");
        return document.Name.Contains(vi, StringComparison.OrdinalIgnoreCase) ? string.Empty : Bilingual.T($"({vi})", $"({en})");
    }
}
