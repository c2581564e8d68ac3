using FluentValidation;
using Hangfire;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portal.Core.Audit;
using Portal.Core.Documents;
using Portal.Core.Documents.Forms;
using Portal.Core.Notifications;
using Portal.Core.Processing.Deadlines;
using Portal.Core.Sync;

namespace Portal.Core.Processing;

public static class ProcessingSetup
{
    /// <summary>The officials' use cases, their steps and deadlines, the forms they issue, the national sync and the audit trail.</summary>
    public static IServiceCollection AddProcessing(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ProcessingOptions>(configuration.GetSection(ProcessingOptions.Section));
        services.Configure<DeadlineOptions>(configuration.GetSection(DeadlineOptions.Section));
        services.Configure<NationalSyncOptions>(configuration.GetSection(NationalSyncOptions.Section));

        services.AddScoped<AuditTrail>();
        services.AddScoped<AssigneePicker>();
        services.AddScoped<StepWorkflow>();
        services.AddScoped<Worklist>();
        services.AddScoped<AcceptDossier>();
        services.AddScoped<RequestSupplement>();
        services.AddScoped<RefuseDossier>();
        services.AddScoped<RegisterAtDesk>();
        services.AddScoped<StartProcessing>();
        services.AddScoped<CompleteStep>();
        services.AddScoped<AssignStep>();
        services.AddScoped<RequestPayment>();
        services.AddScoped<RecordPayment>();
        services.AddScoped<StopProcessing>();
        services.AddScoped<DecideDossier>();
        services.AddScoped<AttachResult>();
        services.AddScoped<ReturnResult>();
        services.AddScoped<IssueApology>();
        services.AddScoped<RecordPaperSupplement>();
        services.AddScoped<SendBackStep>();
        services.AddScoped<RequestOpinion>();
        services.AddScoped<AnswerOpinion>();
        services.AddScoped<WithdrawOpinion>();
        services.AddScoped<OpinionInbox>();
        services.AddScoped<StageScans>();
        services.AddScoped<CleanStagedScansJob>();
        services.AddValidatorsFromAssemblyContaining<AcceptDossier.Validator>(ServiceLifetime.Singleton, includeInternalTypes: false,
            filter: r => r.ValidatorType.Namespace == typeof(AcceptDossier).Namespace);

        services.AddScoped<DeadlineSweepJob>();
        services.AddScoped<DemoStepPlanner>();

        // Rendered by the RenderDocument handler of Documents/IssuedDocuments.cs, beside the receipt Mẫu 01.
        services.AddScoped<IIssuedDocumentRenderer, SupplementRequestForm>();
        services.AddScoped<IIssuedDocumentRenderer, RefusalForm>();
        services.AddScoped<IIssuedDocumentRenderer, ApologyForm>();
        services.AddScoped<IIssuedDocumentRenderer, GeneratedResultForm>();

        services.AddHttpClient(NationalSyncHandler.ClientName);
        services.AddScoped<IDossierStatusReaction, NationalSyncReaction>();
        services.AddScoped<IOutboxHandler, NationalSyncHandler>();
        return services;
    }

    /// <summary>The recurring deadline sweep (one indexed scan for every open dossier's timers) and the cleanup of the counter's kept scans.</summary>
    public static void AddRecurringJobs(IRecurringJobManager recurring, IServiceProvider services)
    {
        recurring.AddOrUpdate<DeadlineSweepJob>(DeadlineSweepJob.RecurringId, j => j.RunAsync(CancellationToken.None),
            services.GetRequiredService<IOptions<DeadlineOptions>>().Value.SweepCron);
        recurring.AddOrUpdate<CleanStagedScansJob>(CleanStagedScansJob.RecurringId, j => j.RunAsync(CancellationToken.None), Cron.Hourly(41));
    }
}
