#pragma once

#include <QHash>
#include <QList>
#include <QSet>

#include <array>

struct CaptureIndexRow;

/// Whether a capture is the first delivery of its message or the same body sent again
/// (CaptureIndexRow::delivery 1, or 2 and more). A capture without a body, or whose digest
/// is not known (delivery 0), was not sent again: it counts and filters as a first one,
/// as the Delivery column leaves it unmarked like one.
enum class DeliveryKind : quint8 { First = 0, Repeat = 1 };
constexpr int DeliveryKindCount = 2;

/// The kind of a CaptureIndexRow::delivery number.
constexpr DeliveryKind deliveryKindOf(quint16 delivery) {
    return delivery > 1 ? DeliveryKind::Repeat : DeliveryKind::First;
}

/**
 * Which delivery of its message each capture of an index is. Mews gives a message no
 * id, and sends a failed one again byte for byte, so one message is one body sent with
 * one method to one path. Keeps the body digest of every row (8 bytes each, beside the
 * 64-byte rows), how many deliveries each message has had, and numbers the rows'
 * CaptureIndexRow::delivery in arrival order, counting each DeliveryKind (every row is
 * counted as one kind or the other).
 *
 * A row can learn its digest late: a file written before digests were stored is
 * analysed again while new captures arrive. When such a row comes before deliveries of
 * its message that are numbered already, its number is provisional until settle()
 * numbers that message's deliveries again in arrival order. That is one scan of the
 * index, done once the reanalysis is over rather than for each of its batches: a load
 * test sending one body again would otherwise have every batch rescan a million rows.
 */
class DeliveryIndex {
public:
    /// A digest for the row at position (one that had none, or a different one).
    struct Digest {
        quint32 position = 0;
        quint64 digest = 0;
    };

    /// Room for rows captures, each taken as a message of its own (most are: a session
    /// holds few bodies sent again). squeeze() gives back what repeats left unused.
    void reserve(qsizetype rows) {
        m_digests.reserve(rows);
        m_messages.reserve(rows);
    }
    /// Gives back the room reserve() made for messages, when fewer than half of it hold
    /// one (a load test that sent one body a million times).
    void squeeze() {
        if (m_messages.size() < m_messages.capacity() / 2)
            m_messages.squeeze();
    }
    /// Numbers rows.last(), just appended, whose body has this digest (0: not known).
    void append(QList<CaptureIndexRow> &rows, quint64 digest);
    /// Gives rows new digests and numbers them; provisionally when later deliveries of
    /// their messages were numbered before them (hasProvisional()).
    void update(QList<CaptureIndexRow> &rows, const QList<Digest> &digests);
    /// Whether some numbers wait for settle().
    bool hasProvisional() const { return !m_unsettled.isEmpty(); }
    /// Numbers the deliveries of the messages update() left provisional again, in arrival
    /// order. The positions whose number changed lie in [first, last]; both are -1 when
    /// none did.
    struct Changed {
        qsizetype first = -1;
        qsizetype last = -1;
    };
    Changed settle(QList<CaptureIndexRow> &rows);

    quint64 digest(qsizetype position) const { return m_digests.at(position); }
    qsizetype countOf(DeliveryKind kind) const { return m_kindCounts.at(size_t(kind)); }

    /// The captures with the same body as the one at position, sent with the same method
    /// to the same path (a message sent again), that one included: how many, its place
    /// among them, the first `limit` of them and its neighbours. count is 0 when its body
    /// is empty or its digest not known. A scan of 8 bytes a capture, with no list of them
    /// all: a load test may send one body a million times.
    struct SameBody {
        qsizetype count = 0;
        qsizetype ordinal = 0;   ///< the capture's place, from 1
        QList<quint32> first;    ///< positions of the first `limit`, in order
        qsizetype previous = -1; ///< position of the one before it, or -1
        qsizetype next = -1;     ///< position of the one after it, or -1
    };
    SameBody sameBody(const QList<CaptureIndexRow> &rows, qsizetype position,
                      qsizetype limit) const;

    /// A row's delivery among all the rows: its number and the position of the delivery
    /// before it (-1 for none).
    struct Numbered {
        quint32 number = 0;
        qsizetype previous = -1;
    };
    /// The deliveries of the rows at positions (ascending, distinct), in one pass over the rows up
    /// to the last of them: what an export of a selection says of each.
    QList<Numbered> numbered(const QList<CaptureIndexRow> &rows,
                             const QList<qsizetype> &positions) const;

    qsizetype approximateBytes() const;

private:
    /// One message so far: its deliveries and the position of the latest one.
    struct Message {
        quint32 deliveries = 0;
        quint32 last = 0;
    };

    /// One key per message: the interned method and path indexes stand for those texts.
    static quint64 keyOf(quint64 digest, const CaptureIndexRow &row);
    /// Sets the row's delivery number and keeps the counts of each kind.
    void setDelivery(CaptureIndexRow &row, quint32 delivery);
    QList<quint64> m_digests;
    QSet<quint64> m_unsettled; ///< keys of the messages with provisional numbers
    QHash<quint64, Message> m_messages;
    std::array<qsizetype, DeliveryKindCount> m_kindCounts{};
};
