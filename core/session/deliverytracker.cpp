#include "deliverytracker.h"

#include "capture/bodydigest.h"

DeliveryTracker::DeliveryTracker(qsizetype capacity)
    : m_capacity(qMax<qsizetype>(capacity, 1)) {
}

DeliveryTracker::Delivery DeliveryTracker::note(const AnalysedCapture &analysed) {
    const Capture &capture = analysed.capture;
    // the digest was worked out where the value was made
    return note(capture.method, capture.path(), analysed.bodyDigest, capture.id);
}

DeliveryTracker::Delivery DeliveryTracker::note(QByteArrayView method, QByteArrayView path,
                                                quint64 digest, qint64 id) {
    Delivery delivery;
    if (digest == 0)
        return delivery;
    const QByteArray request = method.toByteArray() + ' ' + path;
    const quint64 key = digest ^ (BodyDigest::of(request) * Q_UINT64_C(0x9E3779B97F4A7C15));
    auto found = m_messages.find(key);
    if (found == m_messages.end()) {
        if (m_order.size() < m_capacity) {
            m_order.append(key);
        } else {
            // Forget the message first delivered longest ago; its slot takes this one.
            m_messages.remove(m_order.at(m_oldest));
            m_order[m_oldest] = key;
            m_oldest = (m_oldest + 1) % m_capacity;
        }
        found = m_messages.insert(key, Message());
    }
    delivery.number = ++found->deliveries;
    delivery.previousId = found->lastId;
    found->lastId = id;
    return delivery;
}
