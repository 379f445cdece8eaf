package dev.etcdsop.activities.notify;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.request.chat.ChatPostMessageRequest;
import com.slack.api.methods.request.chat.ChatUpdateRequest;
import dev.etcdsop.workflows.activities.Notification;

import java.io.IOException;
import java.util.Set;

/**
 * One Slack message per run and channel: {@code chat.postMessage} the first time, then {@code chat.update} of that same
 * message (reference {@code <channel id>/<ts>}), so a channel sees the run's current state instead of a stream of posts.
 * One {@link Slack} instance for the worker's life: it holds the OkHttp client and its connection pool.
 */
final class SlackChannel {
    /** Slack's own "try again later" answers, which come with HTTP 200. */
    private static final Set<String> TRANSIENT_ERRORS = Set.of("ratelimited", "internal_error", "fatal_error",
            "service_unavailable", "request_timeout");

    private final NotifyConfig config;
    private final Slack slack;

    SlackChannel(NotifyConfig config) {
        this.config = config;
        final SlackConfig slackConfig = new SlackConfig();
        slackConfig.setMethodsEndpointUrlPrefix(config.slackApiUrl());
        // The SDK's call statistics need an extra auth.test call per token (to learn the team); we do not use them.
        slackConfig.getMethodsConfig().setStatsEnabled(false);
        final int timeoutMillis = Math.toIntExact(config.requestTimeout().toMillis());
        slackConfig.setHttpClientCallTimeoutMillis(timeoutMillis);
        slackConfig.setHttpClientReadTimeoutMillis(timeoutMillis);
        slackConfig.setHttpClientWriteTimeoutMillis(timeoutMillis);
        this.slack = Slack.getInstance(slackConfig);
    }

    /** Posts or updates the run's message in {@code channel}; returns its reference {@code <channel id>/<ts>}. */
    String deliver(Notification n, String channel, String previous) throws DeliveryException {
        final MethodsClient methods = slack.methods(SecretFiles.read(config.slackBotTokenFile(), NotifyConfig.SLACK_BOT_TOKEN_FILE,
                "Slack bot token"));
        final String mrkdwn = NotificationText.render(n, NotificationText.Markup.SLACK);
        final String blocks = SlackBlocks.of(n, mrkdwn);
        final int slash = previous == null ? -1 : previous.indexOf('/');
        if (slash > 0) {
            final String channelId = previous.substring(0, slash);
            final String ts = previous.substring(slash + 1);
            Retry.call(() -> checked(() -> methods.chatUpdate(ChatUpdateRequest.builder()
                    .channel(channelId).ts(ts).text(mrkdwn).blocksAsString(blocks).build())));
            return previous;
        }
        final var posted = Retry.call(() -> checked(() -> methods.chatPostMessage(ChatPostMessageRequest.builder()
                .channel(channel).text(mrkdwn).blocksAsString(blocks).build())));
        return posted.getChannel() + "/" + posted.getTs();
    }

    private static <T extends SlackApiTextResponse> T checked(SlackApiCall<T> call) throws IOException, DeliveryException {
        final T response;
        try {
            response = call.run();
        } catch (SlackApiException e) {
            // Non-200 answers; the exception's text names the request, so only the status is kept.
            final int status = e.getResponse().code();
            throw new DeliveryException("HTTP " + status, status >= 500 || status == 429);
        }
        if (!response.isOk()) {
            throw new DeliveryException(response.getError(), TRANSIENT_ERRORS.contains(response.getError()));
        }
        return response;
    }

    private interface SlackApiCall<T> {
        T run() throws IOException, SlackApiException;
    }
}
