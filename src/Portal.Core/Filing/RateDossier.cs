using FluentValidation;
using Portal.Core.Data;
using Portal.Core.Dossiers;
using Portal.Core.Text;

namespace Portal.Core.Filing;

public sealed class RatingInput
{
    public int? Score { get; set; }
    public string? Comment { get; set; }
}

public sealed class RatingValidator : AbstractValidator<RatingInput>
{
    public RatingValidator()
    {
        // One message for "nothing chosen" and "out of range": both mean the same thing to do.
        RuleFor(x => x.Score).Must(s => s is >= 1 and <= 5)
            .WithMessage("Vui lòng chọn mức hài lòng từ 1 (rất không hài lòng) đến 5 (rất hài lòng). / Please choose how satisfied you are, from 1 (very unhappy) to 5 (very happy).");
        RuleFor(x => x.Comment).Must(c => VietnameseText.NormalizeMultiline(c).Length <= 1000)
            .WithMessage("Góp ý dài tối đa 1000 ký tự. / The comment takes at most 1000 characters.");
    }
}

/// <summary>The one-time satisfaction rating (1–5 and a comment) once the dossier has an outcome.</summary>
public sealed class RateDossierHandler(PortalDb db, TimeProvider time)
{
    public async Task HandleAsync(Dossier dossier, RatingInput input, CancellationToken ct)
    {
        var comment = VietnameseText.NormalizeMultiline(input.Comment);
        dossier.Rate((byte)input.Score!.Value, comment.Length == 0 ? null : comment, time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
    }
}
