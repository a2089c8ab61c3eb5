#include "deliveryindex.h"

#include "captureindex.h"

quint64 DeliveryIndex::keyOf(quint64 digest, const CaptureIndexRow &row) {
    return digest ^ (quint64(row.path) * Q_UINT64_C(0x9E3779B97F4A7C15)) ^
           (quint64(row.method) * Q_UINT64_C(0xC2B2AE3D27D4EB4F));
}

void DeliveryIndex::setDelivery(CaptureIndexRow &row, quint32 delivery) {
    --m_kindCounts[size_t(deliveryKindOf(row.delivery))];
    row.delivery = quint16(qMin<quint32>(delivery, CaptureIndexRow::MaxDelivery));
    ++m_kindCounts[size_t(deliveryKindOf(row.delivery))];
}

void DeliveryIndex::append(QList<CaptureIndexRow> &rows, quint64 digest) {
    const auto position = quint32(m_digests.size());
    Q_ASSERT(rows.size() == m_digests.size() + 1);
    m_digests.append(digest);
    CaptureIndexRow &row = rows[position];
    row.delivery = 0;
    ++m_kindCounts[size_t(DeliveryKind::First)];
    if (digest == 0)
        return;
    Message &message = m_messages[keyOf(digest, row)];
    message.last = position;
    setDelivery(row, ++message.deliveries);
}

void DeliveryIndex::update(QList<CaptureIndexRow> &rows, const QList<Digest> &digests) {
    for (const Digest &update : digests) {
        if (update.position >= quint32(m_digests.size()) ||
            m_digests.at(update.position) == update.digest) {
            continue;
        }
        CaptureIndexRow &row = rows[update.position];
        const quint64 was = m_digests.at(update.position);
        m_digests[update.position] = update.digest;
        if (was != 0) {
            // A row with a different body than the file said: it leaves its old message.
            const quint64 key = keyOf(was, row);
            if (--m_messages[key].deliveries == 0)
                m_messages.remove(key);
            else
                m_unsettled.insert(key);
        }
        setDelivery(row, 0);
        if (update.digest == 0)
            continue;
        const quint64 key = keyOf(update.digest, row);
        Message &message = m_messages[key];
        ++message.deliveries;
        if (message.deliveries > 1 && message.last > update.position)
            m_unsettled.insert(key); // later deliveries were numbered before this one
        else
            message.last = update.position;
        setDelivery(row, message.deliveries);
    }
}

DeliveryIndex::Changed DeliveryIndex::settle(QList<CaptureIndexRow> &rows) {
    Changed changed;
    if (m_unsettled.isEmpty())
        return changed;
    QHash<quint64, quint32> seen;
    for (qsizetype position = 0; position < m_digests.size(); ++position) {
        const quint64 digest = m_digests.at(position);
        if (digest == 0)
            continue;
        CaptureIndexRow &row = rows[position];
        const quint64 key = keyOf(digest, row);
        if (!m_unsettled.contains(key))
            continue;
        const quint16 was = row.delivery;
        setDelivery(row, ++seen[key]);
        m_messages[key].last = quint32(position);
        if (row.delivery != was) {
            if (changed.first < 0)
                changed.first = position;
            changed.last = position;
        }
    }
    m_unsettled.clear();
    return changed;
}

DeliveryIndex::SameBody DeliveryIndex::sameBody(const QList<CaptureIndexRow> &rows,
                                                qsizetype position, qsizetype limit) const {
    SameBody same;
    const quint64 digest = m_digests.at(position);
    if (digest == 0)
        return same;
    const CaptureIndexRow &row = rows.at(position);
    const quint64 *digests = m_digests.constData();
    for (qsizetype i = 0, n = m_digests.size(); i < n; ++i) {
        if (digests[i] != digest || rows.at(i).path != row.path || rows.at(i).method != row.method)
            continue;
        ++same.count;
        if (same.first.size() < limit)
            same.first.append(quint32(i));
        if (i < position)
            same.previous = i;
        else if (i == position)
            same.ordinal = same.count;
        else if (same.next < 0)
            same.next = i;
    }
    return same;
}

QList<DeliveryIndex::Numbered> DeliveryIndex::numbered(const QList<CaptureIndexRow> &rows,
                                                       const QList<qsizetype> &positions) const {
    QList<Numbered> result(positions.size());
    QHash<quint64, qsizetype> last; // message key -> position of its latest delivery so far
    qsizetype wanted = 0;
    const qsizetype end =
        positions.isEmpty() ? 0 : qMin(positions.constLast() + 1, m_digests.size());
    for (qsizetype position = 0; position < end && wanted < positions.size(); ++position) {
        const quint64 digest = m_digests.at(position);
        const bool asked = positions.at(wanted) == position;
        if (digest == 0) {
            wanted += asked ? 1 : 0;
            continue;
        }
        const quint64 key = keyOf(digest, rows.at(position));
        if (asked) {
            const auto before = last.constFind(key);
            result[wanted] = {rows.at(position).delivery,
                              before == last.cend() ? qsizetype(-1) : *before};
            ++wanted;
        }
        last.insert(key, position);
    }
    return result;
}

qsizetype DeliveryIndex::approximateBytes() const {
    // A QHash node plus its span's share: about 3/2 of the node's 16 bytes.
    return m_digests.capacity() * qsizetype(sizeof(quint64)) + m_messages.capacity() * 24;
}
