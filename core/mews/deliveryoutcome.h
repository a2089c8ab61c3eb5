#pragma once

#include <QString>

/**
 * What Mews makes of the answer a webhook got, from its documented delivery rules
 * (Connector API, "Webhooks FAQ"): any 2xx within 5 seconds is a delivery; 307 and 308
 * are followed; anything else, or no answer within 5 seconds, is a failure, and Mews
 * sends the message again after a few minutes, then drops it after repeated failures.
 */
struct DeliveryOutcome {
    enum class Kind : quint8 {
        Delivered,    ///< 2xx in time
        Redirected,   ///< 307 or 308: sent again to the Location
        Undocumented, ///< another 1xx or 3xx: Mews does not say
        Retried,      ///< 4xx, 5xx, too late or no answer: sent again later
    };

    /// Mews waits this long for the answer before it counts the delivery as failed.
    static constexpr qint64 TimeoutMs = 5000;

    Kind kind = Kind::Delivered;
    QString text; ///< one or two plain sentences for the Overview tab

    /// status: the answer's status code, 0 if none was sent; waitedMs: from the
    /// request's first byte to the answer, or -1 if unknown.
    static DeliveryOutcome of(int status, qint64 waitedMs);
};
