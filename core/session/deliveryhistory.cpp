#include "deliveryhistory.h"

#include "capturestore.h"

namespace {

MessageDelivery deliveryAt(const CaptureStore &store, qsizetype position) {
    const CaptureIndexRow &row = store.row(position);
    int status = row.status;
    switch (row.responseRecord()) {
    case ResponseRecord::Answered:
    case ResponseRecord::NotSent:
        break;
    case ResponseRecord::NotInHar:
    case ResponseRecord::Unknown:
        status = MessageDelivery::NotRecorded;
        break;
    }
    return {row.id, row.receivedUtcMs, status, -1};
}

} // namespace

DeliveryHistory DeliveryHistory::of(const CaptureStore &store, const Capture &shown) {
    DeliveryHistory history;
    const qsizetype position = store.positionOf(shown.id);
    if (position < 0)
        return history;
    const CaptureIndex::SameBody same = store.index().sameBody(position, MaxListed);
    if (same.count == 0)
        return history;
    history.total = same.count;
    for (const quint32 at : same.first)
        history.listed.append(deliveryAt(store, at));
    DeliveryInContext &context = history.shown;
    context.self = deliveryAt(store, position);
    context.self.waitedMs = shown.answerDelayMs();
    context.ordinal = same.ordinal;
    context.total = same.count;
    if (same.next >= 0)
        context.next = deliveryAt(store, same.next);
    if (same.previous >= 0) {
        MessageDelivery before = deliveryAt(store, same.previous);
        if (before.status >= 200 && before.status < 300 &&
            store.row(same.previous).bodySize <= ReadLimit) {
            QString error;
            if (const std::optional<AnalysedCapture> read = store.capture(before.captureId, &error))
                before.waitedMs = read->capture.answerDelayMs();
        }
        context.previous = before;
    }
    if (history.isListed())
        history.listed[context.ordinal - 1] = context.self;
    return history;
}

bool DeliveryHistory::arrivedIn(const CaptureStore &store, qint64 shownId, qsizetype first,
                                qsizetype last) {
    const qsizetype position = store.positionOf(shownId);
    if (position < 0)
        return false;
    const CaptureIndex &index = store.index();
    const quint64 digest = index.bodyDigest(position);
    const CaptureIndexRow &shown = index.row(position);
    for (qsizetype at = qMax<qsizetype>(first, 0); digest != 0 && at <= last; ++at) {
        // The same body sent elsewhere is another message (CaptureIndex::sameBody).
        if (at != position && index.bodyDigest(at) == digest && index.row(at).path == shown.path &&
            index.row(at).method == shown.method) {
            return true;
        }
    }
    return false;
}
