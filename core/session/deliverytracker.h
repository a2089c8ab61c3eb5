#pragma once

#include "analysedcapture.h"

#include <QHash>
#include <QList>

/**
 * Numbers the deliveries of each message in a stream of captures, in the order they
 * come, as DeliveryIndex does for a session: one message is one body sent with one
 * method to one path (Mews gives a message no id, and sends a failed one again byte for
 * byte). For output that keeps no index: the headless capture and the printing or
 * export of a whole session.
 *
 * Remembers the last `capacity` distinct messages, so a run of any length holds a
 * bounded map (about 40 bytes a message). Mews tries a failed message again after a few
 * minutes; a repeat of a message more than `capacity` distinct messages back counts as
 * a first delivery.
 */
class DeliveryTracker {
public:
    static constexpr qsizetype DefaultCapacity = 100000;

    explicit DeliveryTracker(qsizetype capacity = DefaultCapacity);

    struct Delivery {
        quint32 number = 0;    ///< 1 for the first, 2 when sent again, ...; 0 for no body
        qint64 previousId = 0; ///< the capture id of the delivery before; 0 for none
    };
    /// The capture's delivery, counted, by its AnalysedCapture::bodyDigest.
    Delivery note(const AnalysedCapture &capture);
    /// The same for a capture known only by its request line, body digest and id (as a
    /// session file stores them; see EarlierDeliveries).
    Delivery note(QByteArrayView method, QByteArrayView path, quint64 bodyDigest, qint64 id);

    qsizetype remembered() const { return m_messages.size(); }
    qsizetype capacity() const { return m_capacity; }

private:
    struct Message {
        quint32 deliveries = 0;
        qint64 lastId = 0;
    };

    qsizetype m_capacity;
    QHash<quint64, Message> m_messages;
    QList<quint64> m_order; ///< keys by first delivery, a ring once full
    qsizetype m_oldest = 0; ///< where the ring's oldest key is
};
