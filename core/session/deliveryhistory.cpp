#include "deliveryhistory.h"

#include "capturestore.h"

DeliveryHistory DeliveryHistory::of(const CaptureStore &store, const Capture &shown) {
    DeliveryHistory history;
    const qsizetype position = store.positionOf(shown.id);
    if (position < 0)
        return history;
    const QList<quint32> same = store.index().sameBody(position);
    history.deliveries.reserve(same.size());
    for (const quint32 at : same) {
        const CaptureIndexRow &row = store.row(at);
        MessageDelivery delivery{row.id, row.receivedUtcMs, row.status, -1};
        if (row.id == shown.id) {
            delivery.waitedMs = shown.answerDelayMs();
            history.current = history.deliveries.size();
        }
        history.deliveries.append(delivery);
    }
    if (history.current > 0) {
        MessageDelivery &before = history.deliveries[history.current - 1];
        const CaptureIndexRow &row = store.row(same.at(history.current - 1));
        if (before.status >= 200 && before.status < 300 && row.bodySize <= ReadLimit) {
            QString error;
            if (const std::optional<AnalysedCapture> read = store.capture(before.captureId, &error))
                before.waitedMs = read->capture.answerDelayMs();
        }
    }
    return history;
}

bool DeliveryHistory::arrivedIn(const CaptureStore &store, qint64 shownId, qsizetype first,
                                qsizetype last) {
    const qsizetype position = store.positionOf(shownId);
    if (position < 0)
        return false;
    const CaptureIndex &index = store.index();
    const quint64 digest = index.bodyDigest(position);
    for (qsizetype at = qMax<qsizetype>(first, 0); digest != 0 && at <= last; ++at) {
        if (at != position && index.bodyDigest(at) == digest)
            return true;
    }
    return false;
}
