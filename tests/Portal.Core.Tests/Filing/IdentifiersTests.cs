using Portal.Core.Filing;

namespace Portal.Core.Tests.Filing;

public sealed class IdentifiersTests
{
    [Theory]
    [InlineData("031090001234", null, true)]
    [InlineData("031090001234", "1990-05-12", true)]
    [InlineData("031190001234", "1990-05-12", true)]   // 1 = a woman born in the 1900s
    [InlineData("031206001234", "2006-01-01", true)]   // 2 = a man born in the 2000s
    [InlineData("031090001234", "1991-05-12", false)]  // year digits say 90
    [InlineData("031290001234", "1990-05-12", false)]  // century digit says 2000s
    [InlineData("003090001234", null, false)]          // 003 is no province code
    [InlineData("03109000123", null, false)]
    [InlineData("03109000123a", null, false)]
    public void A_CCCD_has_12_digits_a_birth_province_and_matches_the_date_of_birth(string value, string? dob, bool valid) =>
        Assert.Equal(valid, Identifiers.IsCitizenId(value, dob is null ? null : DateOnly.Parse(dob, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("0201234567", true)]
    [InlineData("0201234567-001", true)]
    [InlineData("020123456", false)]
    [InlineData("0201234567-01", false)]
    [InlineData("0201234567001", false)]
    public void A_tax_code_is_10_digits_or_a_branch_with_3_more(string value, bool valid) => Assert.Equal(valid, Identifiers.IsTaxCode(value));

    [Theory]
    [InlineData("0912345678", "0912345678", true)]
    [InlineData("+84 912 345 678", "0912345678", true)]
    [InlineData("0388.111.222", "0388111222", true)]
    [InlineData("0212345678", "0212345678", false)]  // a landline prefix
    [InlineData("091234567", "091234567", false)]
    public void A_mobile_number_is_cleaned_then_checked(string input, string cleaned, bool valid)
    {
        Assert.Equal(cleaned, Identifiers.CleanPhone(input));
        Assert.Equal(valid, Identifiers.IsMobilePhone(Identifiers.CleanPhone(input)));
    }
}
