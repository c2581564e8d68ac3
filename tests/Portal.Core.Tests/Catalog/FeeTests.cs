using Portal.Core.Catalog;

namespace Portal.Core.Tests.Catalog;

public sealed class FeeTests
{
    [Fact]
    public void A_flat_fee_is_the_same_whatever_is_asked_and_an_amount_set_by_the_province_is_unknown()
    {
        var fee = new Fee("Lệ phí", 20_000, null);
        Assert.Equal(20_000, fee.AmountFor(copies: 3, pages: 12));
        Assert.Null(new Fee("Lệ phí", null, "Theo HĐND").AmountFor(2, 2));
    }

    [Fact]
    public void A_per_copy_fee_counts_the_copies_and_no_copy_costs_nothing()
    {
        var fee = new Fee("Phí cấp bản sao trích lục", 8_000, null, FeeKind.PerCopy);
        Assert.Equal(8_000, fee.AmountFor());
        Assert.Equal(24_000, fee.AmountFor(copies: 3));
        Assert.Equal(0, fee.AmountFor(copies: 0));
    }

    [Fact]
    public void A_per_page_certification_fee_is_cheaper_from_the_third_page_and_capped_per_copy()
    {
        // Thông tư 226/2016/TT-BTC: 2 000 đ a page, 1 000 đ from the third, at most 200 000 đ a copy.
        var fee = new Fee("Phí chứng thực bản sao", 2_000, null, FeeKind.PerPage, CapVnd: 200_000, LaterPagesFrom: 3, LaterPageVnd: 1_000);
        Assert.Equal(2_000, fee.AmountFor(1, 1));
        Assert.Equal(4_000, fee.AmountFor(1, 2));
        Assert.Equal(5_000, fee.AmountFor(1, 3));
        Assert.Equal(2 * 12_000, fee.AmountFor(copies: 2, pages: 10));
        Assert.Equal(3 * 200_000, fee.AmountFor(copies: 3, pages: 500));
    }

    [Fact]
    public void A_minimum_raises_a_small_charge()
    {
        Assert.Equal(10_000, new Fee("Phí", 1_000, null, FeeKind.PerCopy, MinimumVnd: 10_000).AmountFor(copies: 2));
    }
}
