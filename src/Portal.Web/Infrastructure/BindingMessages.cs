using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace Portal.Web.Infrastructure;

/// <summary>What model binding says when a value cannot be read, in the language of the request that is bound.</summary>
public static class BindingMessages
{
    public static void UseVietnamese(DefaultModelBindingMessageProvider p)
    {
        p.SetValueIsInvalidAccessor(v => Bilingual.T($"Giá trị \"{v}\" không hợp lệ.", $"The value \"{v}\" is not valid."));
        p.SetAttemptedValueIsInvalidAccessor((v, f) => Bilingual.T($"Giá trị \"{v}\" không hợp lệ cho trường {f}.", $"\"{v}\" is not valid for {f}."));
        p.SetNonPropertyAttemptedValueIsInvalidAccessor(v => Bilingual.T($"Giá trị \"{v}\" không hợp lệ.", $"\"{v}\" is not valid."));
        p.SetUnknownValueIsInvalidAccessor(f => Bilingual.T($"Giá trị của trường {f} không hợp lệ.", $"The value of {f} is not valid."));
        p.SetNonPropertyUnknownValueIsInvalidAccessor(() => Bilingual.T("Giá trị không hợp lệ.", "The value is not valid."));
        p.SetValueMustNotBeNullAccessor(f => Bilingual.T($"Trường {f} không được để trống.", $"{f} is required."));
        p.SetMissingBindRequiredValueAccessor(f => Bilingual.T($"Thiếu giá trị cho trường {f}.", $"A value for {f} is missing."));
        p.SetMissingKeyOrValueAccessor(() => Bilingual.T("Thiếu giá trị.", "A value is missing."));
        p.SetMissingRequestBodyRequiredValueAccessor(() => Bilingual.T("Thiếu nội dung yêu cầu.", "The request body is missing."));
        p.SetValueMustBeANumberAccessor(f => Bilingual.T($"Trường {f} phải là số.", $"{f} must be a number."));
        p.SetNonPropertyValueMustBeANumberAccessor(() => Bilingual.T("Giá trị phải là số.", "The value must be a number."));
    }
}
