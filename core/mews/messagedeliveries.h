#pragma once

#include <QList>
#include <QString>

#include <optional>

/// One delivery of a message: a capture with the same body, method and path as others.
struct MessageDelivery {
    qint64 captureId = 0;
    qint64 receivedUtcMs = 0;
    int status = 0;       ///< the answer's status code; 0 when none was sent, or NotRecorded
    qint64 waitedMs = -1; ///< from the request's first byte to the answer; -1 if unknown

    /// status when the capture does not say whether an answer went out: a HAR file that
    /// records no response, or a salvage that lost the status.
    static constexpr int NotRecorded = -1;

    friend bool operator==(const MessageDelivery &, const MessageDelivery &) = default;
};

/// One delivery of a message with what explanation() needs of the others.
struct DeliveryInContext {
    MessageDelivery self;
    std::optional<MessageDelivery> previous; ///< the delivery before it, if any
    std::optional<MessageDelivery> next;     ///< the delivery after it, if any
    qsizetype ordinal = 1;                   ///< its place among them, from 1
    qsizetype total = 1;                     ///< the message's deliveries in all
};

/**
 * What the deliveries of one message say, in Mews's terms. Mews gives a message no id,
 * and a message it sends again repeats its body byte for byte (REFERENCE §1): after a
 * failed delivery (4xx, 5xx, no answer or one later than 5 s) it tries again "after a
 * few minutes", and drops the message after "repeated attempts". It documents no other
 * duplicates, so a repeat after a delivery that succeeded is worth a word too.
 */
namespace MessageDeliveries {

/// "first", or how long after the first: "4 min 58 s later" ("3 h earlier" for one that
/// came into the session after the first but was received before it).
QString when(const MessageDelivery &delivery, const MessageDelivery &first);

/// One or two sentences on a delivery, from it and its neighbours: why it was sent again,
/// or that it was, and what became of the message. Empty for a message delivered once.
/// Deliveries are numbered in the order they came into the session; when a neighbour's
/// number and receive time disagree (a slower request, or a capture appended or imported
/// from another file), it says that instead of calling either one sent again.
QString explanation(const DeliveryInContext &delivery);

/// A span of time as people say it: "850 ms", "12 s", "4 min 58 s", "2 h 5 min".
QString span(qint64 ms);

} // namespace MessageDeliveries
