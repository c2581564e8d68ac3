using FluentValidation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Documents;
using Portal.Core.Documents.Forms;
using Portal.Core.Notifications;
using Portal.Core.Payments;

namespace Portal.Core.Filing;

public static class FilingSetup
{
    /// <summary>Online filing (drafts, uploads, submission, supplement, withdrawal, rating), payments, and the receipt Mẫu 01.</summary>
    public static IServiceCollection AddFiling(this IServiceCollection services, IConfiguration configuration, bool isDevelopment)
    {
        services.Configure<FilingOptions>(configuration.GetSection(FilingOptions.Section));
        services.AddScoped<StartDraftHandler>();
        services.AddScoped<SaveApplicantHandler>();
        services.AddScoped<UploadDocumentsHandler>();
        services.AddScoped<DiscardDraftHandler>();
        services.AddScoped<SubmitDossierHandler>();
        services.AddScoped<AnswerSupplementHandler>();
        services.AddScoped<WithdrawDossierHandler>();
        services.AddScoped<RateDossierHandler>();
        services.AddScoped<CleanDraftsJob>();
        services.AddSingleton<IValidator<ApplicantInput>, ApplicantValidator>();
        services.AddSingleton<IValidator<WithdrawInput>, WithdrawValidator>();
        services.AddSingleton<IValidator<RatingInput>, RatingValidator>();

        services.AddPayments(configuration, isDevelopment);

        services.AddScoped<IOutboxHandler, RenderDocumentHandler>();
        services.AddScoped<IIssuedDocumentRenderer, Receipt01>();
        services.AddScoped<IIssuedDocumentRenderer, FeeReceipt>();
        services.AddScoped<IDossierStatusReaction, ReceiptReaction>();
        return services;
    }
}
