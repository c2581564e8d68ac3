using Portal.Core.Calendar;
using Portal.Core.Catalog;
using Portal.Core.Dossiers;
using Portal.Core.Payments;
using Portal.Core.Tests.Dossiers;

namespace Portal.Core.Tests.Payments;

public sealed class DossierFeesTests
{
    private static readonly Fee PerCopy = new("Phí cấp bản sao trích lục hộ tịch", 8_000, null, FeeKind.PerCopy);

    private static ProcedureVersion Version(IReadOnlyList<Fee> fees, FormField? copies)
    {
        var procedure = new Procedure("2.000635", "Cấp bản sao trích lục hộ tịch", 1, AgencyLevel.Commune);
        return procedure.AddVersion(new ProcedureVersionFacts("Cấp bản sao trích lục hộ tịch", new DateOnly(2025, 7, 1), ServiceType.FullOnline,
            TimeLimit.WorkingDays(1), null, fees, [new RequiredDocument("Tờ khai", DocumentForm.Original, 1, true)], true, "Bản sao trích lục", ["Luật Hộ tịch 2014"],
            [new FormField("subject_name", "Họ tên", "Full name", FormFieldType.Text, true), .. copies is null ? Array.Empty<FormField>() : [copies]],
            [new ProcessingStep("Thẩm định", Roles.Handler, 4)], null, null, null));
    }

    private static FormField Copies(decimal? min) => new("copies", "Số bản sao yêu cầu cấp", "Number of copies requested", FormFieldType.Number, false, Min: min, Max: 10);

    private static Dossier Filed(string? copies)
    {
        var d = DossierScenarios.Draft();
        d.SetFormData(copies is null ? """{"subject_name":"Trần Minh Khang"}""" : $$"""{"subject_name":"Trần Minh Khang","copies":"{{copies}}"}""", DossierScenarios.T0.AddMinutes(-10));
        d.Submit("000.20.01.H31-260302-0001", "123456", DossierScenarios.T0, DossierScenarios.Citizen);
        return d;
    }

    [Fact]
    public void Two_copies_of_a_per_copy_fee_cost_twice_its_amount_and_say_so()
    {
        var payable = Assert.Single(StartPaymentHandler.Payable(Filed("2"), Version([PerCopy], Copies(1))));
        Assert.Equal(16_000, payable.AmountVnd);
        Assert.Equal("Phí cấp bản sao trích lục hộ tịch (2 bản × 8.000 đồng)", payable.Name);
    }

    [Fact]
    public void An_empty_answer_counts_the_least_the_field_allows_and_a_form_without_the_field_one_copy()
    {
        // A copy "if requested" (min 0) left empty costs nothing; a request for copies (min 1) left empty is one copy.
        Assert.Empty(StartPaymentHandler.Payable(Filed(null), Version([PerCopy], Copies(0))));
        Assert.Equal(8_000, Assert.Single(StartPaymentHandler.Payable(Filed(null), Version([PerCopy], Copies(1)))).AmountVnd);
        Assert.Equal(8_000, Assert.Single(StartPaymentHandler.Payable(Filed(null), Version([PerCopy], null))).AmountVnd);
        Assert.Equal(8_000, Assert.Single(StartPaymentHandler.Payable(Filed(null), Version([PerCopy], Copies(null)))).AmountVnd);
    }

    [Fact]
    public void The_total_the_handler_is_offered_counts_copies_for_per_copy_fees_only_and_leaves_out_amounts_the_province_sets()
    {
        var version = Version([new Fee("Lệ phí đăng ký", 0, null), PerCopy, new Fee("Lệ phí quá hạn", null, "Theo HĐND"), new Fee("Phí xác minh", 5_000, null)], Copies(0));
        Assert.Equal(3 * 8_000 + 5_000, DossierFees.Total(Filed("3"), version));
        Assert.Equal(5_000, DossierFees.Total(Filed("0"), version));
    }
}
