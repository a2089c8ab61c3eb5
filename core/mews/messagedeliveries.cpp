#include "messagedeliveries.h"

#include "deliveryoutcome.h"
#include "text/countedtext.h"

namespace {

/// Repeats sooner than this are not Mews's retries, which come "after a few minutes".
constexpr qint64 QuickRepeatMs = 60000;

bool recorded(const MessageDelivery &delivery) {
    return delivery.status != MessageDelivery::NotRecorded;
}

bool failed(const MessageDelivery &delivery) {
    return recorded(delivery) && DeliveryOutcome::of(delivery.status, delivery.waitedMs).kind ==
                                     DeliveryOutcome::Kind::Retried;
}

QString answer(const MessageDelivery &delivery) {
    if (!recorded(delivery))
        return QStringLiteral("has no answer on record");
    if (delivery.status <= 0)
        return QStringLiteral("got no answer");
    if (delivery.waitedMs > DeliveryOutcome::TimeoutMs) {
        return QStringLiteral("was answered %1 after %2, too late for Mews")
            .arg(delivery.status)
            .arg(MessageDeliveries::span(delivery.waitedMs));
    }
    return QStringLiteral("was answered %1").arg(delivery.status);
}

QString captureRef(const MessageDelivery &delivery) {
    return QStringLiteral("#%1").arg(delivery.captureId);
}

} // namespace

namespace MessageDeliveries {

QString span(qint64 ms) {
    ms = qMax<qint64>(0, ms);
    if (ms < 1000)
        return QStringLiteral("%1 ms").arg(ms);
    const qint64 seconds = ms / 1000;
    if (seconds < 60)
        return QStringLiteral("%1 s").arg(seconds);
    const qint64 minutes = seconds / 60;
    if (minutes < 60) {
        return seconds % 60 == 0 ? QStringLiteral("%1 min").arg(minutes)
                                 : QStringLiteral("%1 min %2 s").arg(minutes).arg(seconds % 60);
    }
    const qint64 hours = minutes / 60;
    return minutes % 60 == 0 ? QStringLiteral("%1 h").arg(hours)
                             : QStringLiteral("%1 h %2 min").arg(hours).arg(minutes % 60);
}

QString when(const MessageDelivery &delivery, const MessageDelivery &first) {
    if (delivery.captureId == first.captureId)
        return QStringLiteral("first");
    const qint64 gap = delivery.receivedUtcMs - first.receivedUtcMs;
    return gap < 0 ? span(-gap) + QStringLiteral(" earlier") : span(gap) + QStringLiteral(" later");
}

namespace {

/// What explanation() says of a delivery received before the one numbered before it, or
/// after the one numbered after it; empty when its neighbour's time agrees with its number.
QString outOfOrder(const DeliveryInContext &delivery) {
    const bool afterPrevious = delivery.previous.has_value();
    const MessageDelivery &other = afterPrevious ? *delivery.previous : *delivery.next;
    const qint64 gap = delivery.self.receivedUtcMs - other.receivedUtcMs;
    if (afterPrevious ? gap >= 0 : gap <= 0)
        return {};
    // The first byte came sooner, but the capture later: a slower request, or one
    // appended or imported from another file.
    return QStringLiteral("Received %1 %2 %3, which is numbered %4 it: deliveries are numbered "
                          "in the order they came into this session, and %5 came later (it "
                          "took longer to arrive in full, or was appended or imported from "
                          "another file).")
        .arg(span(qAbs(gap)), afterPrevious ? QStringLiteral("before") : QStringLiteral("after"),
             captureRef(other), afterPrevious ? QStringLiteral("before") : QStringLiteral("after"),
             afterPrevious ? QStringLiteral("this one") : QStringLiteral("that one"));
}

} // namespace

QString explanation(const DeliveryInContext &delivery) {
    const MessageDelivery &self = delivery.self;
    if (!delivery.previous && !delivery.next)
        return {}; // delivered once
    if (QString text = outOfOrder(delivery); !text.isEmpty())
        return text;
    QString text;
    if (delivery.previous) {
        const MessageDelivery &previous = *delivery.previous;
        const QString gap = span(self.receivedUtcMs - previous.receivedUtcMs);
        if (!recorded(previous)) {
            text = QStringLiteral("Sent again %1 after %2, which %3, so whether Mews counted "
                                  "that one a failure is not known.")
                       .arg(gap, captureRef(previous), answer(previous));
        } else if (failed(previous)) {
            text = QStringLiteral("Sent again %1 after %2, which %3: a failed delivery, "
                                  "and Mews tries again after a few minutes.")
                       .arg(gap, captureRef(previous), answer(previous));
        } else {
            text = QStringLiteral("Sent again %1 after %2, although that one %3, a "
                                  "delivery. Mews documents no such repeats: handle messages "
                                  "idempotently, by entity id.")
                       .arg(gap, captureRef(previous), answer(previous));
        }
    } else {
        text = QStringLiteral("Sent again %1 later (%2).")
                   .arg(span(delivery.next->receivedUtcMs - self.receivedUtcMs),
                        captureRef(*delivery.next));
        if (failed(self))
            text += QStringLiteral(" This delivery %1, a failure, which Mews retries.")
                        .arg(answer(self));
    }
    // Mews waits minutes before it tries again; a quicker repeat has another sender.
    const qint64 gap = delivery.previous ? self.receivedUtcMs - delivery.previous->receivedUtcMs
                                         : delivery.next->receivedUtcMs - self.receivedUtcMs;
    if (gap < QuickRepeatMs)
        text += QStringLiteral(" Mews retries only after a few minutes: a repeat this soon "
                               "came from something else, such as a replay or a test.");
    // What became of the message, told on its last delivery so far.
    if (delivery.previous && !delivery.next) {
        const QString which = CountedText::ordinal(delivery.total);
        if (failed(self)) {
            text += QStringLiteral(" This, its %1 delivery, %2 and failed: Mews sends it "
                                   "again later, and drops it after repeated failures (how "
                                   "many is not documented; until July 2025, three).")
                        .arg(which, answer(self));
        } else if (recorded(self) && failed(*delivery.previous)) {
            text +=
                QStringLiteral(" This, its %1 delivery, %2: delivered.").arg(which, answer(self));
        }
    }
    return text;
}

} // namespace MessageDeliveries
