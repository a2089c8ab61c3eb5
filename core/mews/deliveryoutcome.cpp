#include "deliveryoutcome.h"

#include <QLocale>

namespace {

QString milliseconds(qint64 ms) {
    return QLocale().toString(ms) + QStringLiteral(" ms");
}

const QString &retryText() {
    static const QString text =
        QStringLiteral("Mews sends the message again after a few minutes, and drops it after "
                       "repeated failures.");
    return text;
}

} // namespace

DeliveryOutcome DeliveryOutcome::of(int status, qint64 waitedMs) {
    using enum Kind;
    if (status <= 0)
        return {Retried, QStringLiteral("No answer, a failed delivery: ") + retryText()};
    if (waitedMs > TimeoutMs) {
        return {Retried, QStringLiteral("An answer after %1 is too late: Mews waits 5 s, so it "
                                        "counts a failed delivery and sends the message again.")
                             .arg(milliseconds(waitedMs))};
    }
    if (status >= 200 && status < 300)
        return {Delivered, QStringLiteral("Delivered: Mews takes any 2xx answer within 5 s as "
                                          "success.")};
    if (status == 307 || status == 308)
        return {Redirected,
                QStringLiteral("Redirected: Mews follows %1 and sends the message to the Location.")
                    .arg(status)};
    if (status < 400)
        return {Undocumented, QStringLiteral("Mews documents only the redirects 307 and 308; what "
                                             "it does with %1 is not documented.")
                                  .arg(status)};
    return {Retried, QStringLiteral("A failed delivery (%1): ").arg(status) + retryText()};
}
