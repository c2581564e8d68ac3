namespace Portal.Core.Statistics;

/// <summary>What each figure is called, in Vietnamese and English, wherever it is shown or exported.</summary>
public static class FigureNames
{
    public static (string Vietnamese, string English) Of(Figure figure) => figure switch
    {
        Figure.Received => ("Hồ sơ mới tiếp nhận", "Dossiers received"),
        Figure.ReceivedOnline => ("Tiếp nhận trực tuyến", "Received online"),
        Figure.ReceivedInPerson => ("Tiếp nhận trực tiếp", "Received in person"),
        Figure.ReceivedPostal => ("Tiếp nhận qua bưu chính công ích", "Received by public post"),
        Figure.ReceivedInPersonOrPostal => ("Tiếp nhận trực tiếp, bưu chính", "Received in person or by post"),
        Figure.CarriedOver => ("Kỳ trước chuyển qua", "Carried over from the previous period"),
        Figure.ReportTotal => ("Tổng số hồ sơ nhận giải quyết", "All dossiers to handle"),
        Figure.Finished => ("Đã giải quyết", "Resolved"),
        Figure.FinishedEarly => ("Giải quyết trước hạn", "Resolved early"),
        Figure.FinishedOnTime => ("Giải quyết đúng hạn", "Resolved on time"),
        Figure.FinishedLate => ("Giải quyết quá hạn", "Resolved late"),
        Figure.InProgress => ("Đang giải quyết", "In progress"),
        Figure.WithinDeadline => ("Đang giải quyết trong hạn", "In progress within the deadline"),
        Figure.Overdue => ("Đang giải quyết quá hạn", "In progress and overdue"),
        Figure.Paused => ("Tạm dừng chờ bổ sung", "Paused awaiting a supplement"),
        Figure.Online766 => ("Trực tuyến được tính theo 766", "Online and counted by Decision 766"),
        Figure.OnlineWithoutResult => ("Trực tuyến chưa có kết quả điện tử", "Online without an electronic result"),
        Figure.Synced => ("Đã đồng bộ Cổng DVC quốc gia", "Synced to the national portal"),
        Figure.Unsynced => ("Chưa đồng bộ Cổng DVC quốc gia", "Not synced to the national portal"),
        Figure.Decided => ("Đã có quyết định giải quyết", "Decided"),
        Figure.ElectronicResult => ("Có kết quả điện tử", "With an electronic result"),
        Figure.DecidedWithoutElectronicResult => ("Đã giải quyết, chưa có kết quả điện tử", "Decided without an electronic result"),
        Figure.Digitised => ("Đã số hóa", "Digitised"),
        Figure.NotDigitised => ("Chưa số hóa", "Not digitised"),
        Figure.PaidOnline => ("Thanh toán trực tuyến", "Paid online"),
        Figure.PaidOffline => ("Thanh toán trực tiếp", "Paid in person"),
        Figure.Rated => ("Có đánh giá", "Rated"),
        Figure.Satisfied => ("Hài lòng (4–5 sao)", "Satisfied (4–5 stars)"),
        Figure.Unsatisfied => ("Chưa hài lòng (1–3 sao)", "Not satisfied (1–3 stars)"),
        Figure.PaidOfflineInPersonOrPostal => ("Hồ sơ trực tiếp, bưu chính thanh toán trực tiếp", "Walk-in or postal dossiers paid in person"),
        Figure.OnTimeOrWithinDeadline => ("Giải quyết trước, đúng hạn hoặc đang trong hạn", "Resolved early or on time, or in progress within the deadline"),
        _ => (figure.ToString(), figure.ToString()),
    };

    /// <summary>Whether the figure is a state at the reading day rather than a count over the period.</summary>
    public static bool IsState(Figure figure) => figure is Figure.InProgress or Figure.WithinDeadline or Figure.Overdue or Figure.Paused;
}
