using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace Portal.Web.Infrastructure;

/// <summary>What model binding says when a value cannot be read: Vietnamese first, English after the slash.</summary>
public static class BindingMessages
{
    public static void UseVietnamese(DefaultModelBindingMessageProvider p)
    {
        p.SetValueIsInvalidAccessor(v => $"Giá trị \"{v}\" không hợp lệ. / The value \"{v}\" is not valid.");
        p.SetAttemptedValueIsInvalidAccessor((v, f) => $"Giá trị \"{v}\" không hợp lệ cho trường {f}. / \"{v}\" is not valid for {f}.");
        p.SetNonPropertyAttemptedValueIsInvalidAccessor(v => $"Giá trị \"{v}\" không hợp lệ. / \"{v}\" is not valid.");
        p.SetUnknownValueIsInvalidAccessor(f => $"Giá trị của trường {f} không hợp lệ. / The value of {f} is not valid.");
        p.SetNonPropertyUnknownValueIsInvalidAccessor(() => "Giá trị không hợp lệ. / The value is not valid.");
        p.SetValueMustNotBeNullAccessor(f => $"Trường {f} không được để trống. / {f} is required.");
        p.SetMissingBindRequiredValueAccessor(f => $"Thiếu giá trị cho trường {f}. / A value for {f} is missing.");
        p.SetMissingKeyOrValueAccessor(() => "Thiếu giá trị. / A value is missing.");
        p.SetMissingRequestBodyRequiredValueAccessor(() => "Thiếu nội dung yêu cầu. / The request body is missing.");
        p.SetValueMustBeANumberAccessor(f => $"Trường {f} phải là số. / {f} must be a number.");
        p.SetNonPropertyValueMustBeANumberAccessor(() => "Giá trị phải là số. / The value must be a number.");
    }
}
