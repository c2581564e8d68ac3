using Portal.Core.Text;

namespace Portal.Core.Tests.Text;

public sealed class VietnameseNumberWordsTests
{
    [Theory]
    [InlineData(0, "không")]
    [InlineData(5, "năm")]
    [InlineData(10, "mười")]
    [InlineData(11, "mười một")]
    [InlineData(14, "mười bốn")]
    [InlineData(15, "mười lăm")]
    [InlineData(20, "hai mươi")]
    [InlineData(21, "hai mươi mốt")]
    [InlineData(24, "hai mươi tư")]
    [InlineData(25, "hai mươi lăm")]
    [InlineData(101, "một trăm linh một")]
    [InlineData(104, "một trăm linh bốn")]
    [InlineData(105, "một trăm linh năm")]
    [InlineData(110, "một trăm mười")]
    [InlineData(115, "một trăm mười lăm")]
    [InlineData(1_000, "một nghìn")]
    [InlineData(1_005, "một nghìn không trăm linh năm")]
    [InlineData(1_050, "một nghìn không trăm năm mươi")]
    [InlineData(8_000, "tám nghìn")]
    [InlineData(16_000, "mười sáu nghìn")]
    [InlineData(21_500, "hai mươi mốt nghìn năm trăm")]
    [InlineData(100_000, "một trăm nghìn")]
    [InlineData(200_000, "hai trăm nghìn")]
    [InlineData(1_000_000, "một triệu")]
    [InlineData(1_001_000, "một triệu không trăm linh một nghìn")]
    [InlineData(1_500_000, "một triệu năm trăm nghìn")]
    [InlineData(15_000_025, "mười lăm triệu không trăm hai mươi lăm")]
    [InlineData(1_000_000_000, "một tỷ")]
    [InlineData(2_000_050_000, "hai tỷ không trăm năm mươi nghìn")]
    [InlineData(100_000_000_000, "một trăm tỷ")]
    [InlineData(1_000_000_000_000, "một nghìn tỷ")]
    [InlineData(1_234_567_891_011, "một nghìn hai trăm ba mươi tư tỷ năm trăm sáu mươi bảy triệu tám trăm chín mươi mốt nghìn không trăm mười một")]
    public void A_number_reads_as_a_Vietnamese_would_say_it(long number, string words) =>
        Assert.Equal(words, VietnameseNumberWords.Read(number));

    [Theory]
    [InlineData(16_000, "Mười sáu nghìn đồng")]
    [InlineData(8_000, "Tám nghìn đồng")]
    [InlineData(0, "Không đồng")]
    [InlineData(1_000_000_000, "Một tỷ đồng")]
    public void An_amount_in_dong_starts_with_a_capital_and_ends_with_dong(long amount, string words) =>
        Assert.Equal(words, VietnameseNumberWords.Dong(amount));

    [Fact]
    public void A_negative_amount_has_no_words() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => VietnameseNumberWords.Read(-1));
}
