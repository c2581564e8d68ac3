using System.Globalization;
using Microsoft.AspNetCore.Mvc.Razor;

namespace Portal.Web.Infrastructure;

/// <summary>Vietnamese first, English beside it: every user-visible string is written as a pair where it is used.</summary>
public static class Bilingual
{
    public static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    public static string T(string vietnamese, string english) => IsEnglish ? english : vietnamese;

    /// <summary>One language of a validator's "Tiếng Việt. / English." message (the Core's convention); any other text as it is.</summary>
    public static string Pick(string message)
    {
        var parts = message.Split(" / ", 2);
        return parts.Length == 2 ? T(parts[0], parts[1]) : message;
    }

    public static string Weekday(DateOnly date) => IsEnglish ? date.DayOfWeek.ToString() : date.DayOfWeek switch
    {
        DayOfWeek.Monday => "Thứ Hai",
        DayOfWeek.Tuesday => "Thứ Ba",
        DayOfWeek.Wednesday => "Thứ Tư",
        DayOfWeek.Thursday => "Thứ Năm",
        DayOfWeek.Friday => "Thứ Sáu",
        DayOfWeek.Saturday => "Thứ Bảy",
        _ => "Chủ nhật",
    };
}

/// <summary>Base class of every view: <c>@T("Tiếng Việt", "English")</c>.</summary>
public abstract class PortalViewPage<TModel> : RazorPage<TModel>
{
    public string T(string vietnamese, string english) => Bilingual.T(vietnamese, english);

    public bool IsEnglish => Bilingual.IsEnglish;
}

public static class DomainRefusals
{
    /// <summary>Runs a use case; a rule it refuses becomes a message on the same page (with what was typed kept) instead of the error page.</summary>
    public static async Task<bool> TryAsync(this Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary state, Func<Task> action)
    {
        try
        {
            await action();
            return true;
        }
        catch (Portal.Core.DomainException e)
        {
            state.AddModelError(string.Empty, Bilingual.T(e.Vietnamese, e.English));
            return false;
        }
    }
}
