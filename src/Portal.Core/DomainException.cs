namespace Portal.Core;

/// <summary>
/// A rule of the domain refused an action. The message is Vietnamese (what the user reads first); the English
/// text goes beside it. The web layer turns this one type into a page with the message, or 409 from the API.
/// </summary>
public sealed class DomainException : Exception
{
    public DomainException(string vietnamese, string english)
        : base(vietnamese)
    {
        English = english;
    }

    public string Vietnamese => Message;
    public string English { get; }

    public static void Ensure(bool condition, string vietnamese, string english)
    {
        if (!condition)
        {
            throw new DomainException(vietnamese, english);
        }
    }
}
