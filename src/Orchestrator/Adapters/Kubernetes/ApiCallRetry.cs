using Polly;
using Polly.Retry;
using Serilog;

namespace Orchestrator.Adapters.Kubernetes;

/// <summary>
/// Runs one HTTP request again while it fails for a passing reason (429, 500, 502, 503, 504, transport failures,
/// a request that timed out), with exponential backoff and jitter, honouring Retry-After, within a time budget per
/// request. A failure for good becomes a <see cref="KubernetesApiException"/> that is safe to log.
/// </summary>
public sealed class ApiCallRetry
{
    private static readonly ResiliencePropertyKey<DateTimeOffset> Deadline = new("orchestrator.kubernetes.deadline");
    private static readonly ResiliencePropertyKey<ApiCall> Call = new("orchestrator.kubernetes.call");

    private readonly ResiliencePipeline pipeline;
    private readonly KubernetesAdapterOptions options;
    private readonly TimeProvider time;

    public ApiCallRetry(KubernetesAdapterOptions options, TimeProvider time, ILogger logger)
    {
        this.options = options;
        this.time = time;
        pipeline = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                // The budget, not a count, bounds the retries: a 429 storm and a flapping network differ in pace.
                MaxRetryAttempts = int.MaxValue,
                ShouldHandle = arguments => ValueTask.FromResult(
                    arguments.Outcome.Exception is { } failure
                    && TransientFailure.IsTransient(failure, arguments.Context.CancellationToken)
                    && time.GetUtcNow() < arguments.Context.Properties.GetValue(Deadline, DateTimeOffset.MinValue)),
                DelayGenerator = arguments => ValueTask.FromResult<TimeSpan?>(DelayBefore(arguments.AttemptNumber, arguments.Outcome.Exception, arguments.Context)),
                OnRetry = arguments =>
                {
                    var call = arguments.Context.Properties.GetValue(Call, null!);
                    // A cluster-scoped object has no namespace: "node-1", not "null/node-1"; the cause is the failure's own words.
                    logger.Warning(
                        "Kubernetes {Verb} {Kind} {Object} failed ({Cause}), retry {Retry} in {DelayMs} ms",
                        call.Verb, call.Kind, call.Object,
                        DescribeFailure(arguments.Outcome.Exception), arguments.AttemptNumber + 1, (int)arguments.RetryDelay.TotalMilliseconds);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    /// <summary>
    /// Runs <paramref name="request"/> until it succeeds, fails for good, or the budget is spent. The request gets a
    /// token that also fires after <see cref="KubernetesAdapterOptions.RequestTimeout"/>. With <paramref name="slots"/>,
    /// each attempt first takes one (the wait for it is outside the request timeout, inside the retry budget's deadline)
    /// and gives it back when the request's task ends.
    /// </summary>
    public async Task<TResult> ExecuteAsync<TResult>(ApiCall call, Func<CancellationToken, Task<TResult>> request, CancellationToken cancellationToken,
        SemaphoreSlim? slots = null)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(Deadline, time.GetUtcNow() + options.RetryBudget);
        context.Properties.Set(Call, call);
        try
        {
            return await pipeline.ExecuteAsync(
                static async (context, state) => await state.Self.AttemptAsync(state.Call, state.Request, state.Slots, context.CancellationToken),
                context,
                (Self: this, Call: call, Request: request, Slots: slots));
        }
        catch (Exception failure) when (failure is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw failure as KubernetesApiException ?? KubernetesApiException.From(call, failure);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private async Task<TResult> AttemptAsync<TResult>(ApiCall call, Func<CancellationToken, Task<TResult>> request, SemaphoreSlim? slots,
        CancellationToken cancellationToken)
    {
        if (slots is not null)
            await slots.WaitAsync(cancellationToken);
        try
        {
            call.CountAttempt();
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.RequestTimeout);
            try
            {
                return await request(timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"{call}: no answer within {options.RequestTimeout}");
            }
        }
        finally
        {
            slots?.Release();
        }
    }

    private TimeSpan DelayBefore(int retry, Exception? failure, ResilienceContext context)
    {
        var remaining = context.Properties.GetValue(Deadline, DateTimeOffset.MinValue) - time.GetUtcNow();
        var delay = (failure is null ? null : TransientFailure.RetryAfter(failure, time.GetUtcNow()))
            ?? BackoffDelay.For(retry, options.InitialRetryDelay, options.MaxRetryDelay, Random.Shared.NextDouble());
        return delay < remaining ? delay : remaining < TimeSpan.Zero ? TimeSpan.Zero : remaining;
    }

    /// <summary>"503 ServiceUnavailable", or a transport failure as its type and innermost message:
    /// "HttpRequestException: Connection refused (127.0.0.1:6443)".</summary>
    public static string DescribeFailure(Exception? failure)
    {
        if (failure is null)
            return "unknown";
        if (TransientFailure.StatusOf(failure) is { } status)
            return $"{(int)status} {status}";
        var innermost = failure;
        while (innermost.InnerException is not null)
            innermost = innermost.InnerException;
        var message = innermost.Message.ReplaceLineEndings(" ").Trim();
        return message.Length == 0 ? failure.GetType().Name : $"{failure.GetType().Name}: {message}";
    }
}
