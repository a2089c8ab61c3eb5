#include "mews/messagedeliveries.h"

#include <QTest>

using namespace Qt::Literals::StringLiterals;

namespace {

constexpr qint64 Minute = 60000;

/// Deliveries #1, #2, ... five minutes apart, answered with statuses in time.
QList<MessageDelivery> deliveries(const QList<int> &statuses) {
    QList<MessageDelivery> list;
    for (qsizetype i = 0; i < statuses.size(); ++i)
        list.append({i + 1, 1000000 + i * 5 * Minute, statuses.at(i), 40});
    return list;
}

/// MessageDeliveries::explanation() of deliveries[current], with its neighbours from the list.
QString explain(const QList<MessageDelivery> &deliveries, qsizetype current) {
    if (current < 0 || current >= deliveries.size())
        return {};
    DeliveryInContext delivery;
    delivery.self = deliveries.at(current);
    if (current > 0)
        delivery.previous = deliveries.at(current - 1);
    if (current + 1 < deliveries.size())
        delivery.next = deliveries.at(current + 1);
    delivery.ordinal = current + 1;
    delivery.total = deliveries.size();
    return MessageDeliveries::explanation(delivery);
}

} // namespace

class TestMessageDeliveries : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void spansReadAsPeopleSayThem_data() {
        QTest::addColumn<qint64>("ms");
        QTest::addColumn<QString>("text");
        QTest::newRow("ms") << qint64(850) << u"850 ms"_s;
        QTest::newRow("s") << qint64(12999) << u"12 s"_s;
        QTest::newRow("min s") << qint64(4 * Minute + 58000) << u"4 min 58 s"_s;
        QTest::newRow("min") << qint64(5 * Minute) << u"5 min"_s;
        QTest::newRow("h min") << qint64(125 * Minute) << u"2 h 5 min"_s;
        QTest::newRow("h") << qint64(180 * Minute) << u"3 h"_s;
        QTest::newRow("negative") << qint64(-5) << u"0 ms"_s;
    }
    void spansReadAsPeopleSayThem() {
        QFETCH(qint64, ms);
        QFETCH(QString, text);
        QCOMPARE(MessageDeliveries::span(ms), text);
    }

    void whenCountsFromTheFirst() {
        const QList<MessageDelivery> list = deliveries({500, 200});
        QCOMPARE(MessageDeliveries::when(list.at(0), list.at(0)), u"first"_s);
        QCOMPARE(MessageDeliveries::when(list.at(1), list.at(0)), u"5 min later"_s);
    }

    // A capture appended or imported from another file (or a slower request) can come
    // into the session after another delivery of its message that was received later.
    void numbersOutOfTimeOrderAreExplained() {
        QList<MessageDelivery> list = deliveries({500, 200});
        list[1].receivedUtcMs = list[0].receivedUtcMs - 180 * Minute;
        QCOMPARE(MessageDeliveries::when(list.at(1), list.at(0)), u"3 h earlier"_s);
        QCOMPARE(explain(list, 1),
                 u"Received 3 h before #1, which is numbered before it: deliveries are "
                 "numbered in the order they came into this session, and this one came later "
                 "(it took longer to arrive in full, or was appended or imported from another "
                 "file)."_s);
        QCOMPARE(explain(list, 0),
                 u"Received 3 h after #2, which is numbered after it: deliveries are numbered "
                 "in the order they came into this session, and that one came later (it took "
                 "longer to arrive in full, or was appended or imported from another file)."_s);
        // Received at the same moment: in order, a repeat that soon is no Mews retry.
        list[1].receivedUtcMs = list[0].receivedUtcMs;
        QVERIFY2(explain(list, 1).startsWith(u"Sent again 0 ms after #1"_s),
                 qPrintable(explain(list, 1)));
        // The middle one of three is told against the one numbered before it.
        list = deliveries({500, 500, 200});
        list[2].receivedUtcMs = list[0].receivedUtcMs - Minute;
        QVERIFY2(explain(list, 1).startsWith(u"Sent again 5 min after #1"_s),
                 qPrintable(explain(list, 1)));
        QVERIFY2(explain(list, 2).startsWith(u"Received 6 min before #2"_s),
                 qPrintable(explain(list, 2)));
    }

    void onceSaysNothing() {
        QVERIFY(explain(deliveries({200}), 0).isEmpty());
        QVERIFY(explain({}, 0).isEmpty());
        QVERIFY(explain(deliveries({500, 200}), 2).isEmpty());
    }

    void retryAfterAFailure() {
        const QList<MessageDelivery> list = deliveries({503, 200});
        QCOMPARE(explain(list, 1),
                 u"Sent again 5 min after #1, which was answered 503: a failed "
                 "delivery, and Mews tries again after a few minutes. This, its 2nd delivery, "
                 "was answered 200: delivered."_s);
        QCOMPARE(explain(list, 0), u"Sent again 5 min later (#2). This delivery was answered "
                                   "503, a failure, which Mews retries."_s);
    }

    void lateOrMissingAnswersAreFailures() {
        QList<MessageDelivery> list = deliveries({200, 0, 200});
        list[0].waitedMs = 6200;
        QString text = explain(list, 1);
        QVERIFY2(text.startsWith(u"Sent again 5 min after #1, which was "
                                 "answered 200 after 6 s, too late for Mews: a failed delivery"_s),
                 qPrintable(text));
        text = explain(list, 2);
        QVERIFY2(text.startsWith(u"Sent again 5 min after #2, which got no "
                                 "answer: a failed delivery"_s),
                 qPrintable(text));
    }

    // A HAR file that records no response, or a salvage that lost the status, does not
    // say whether the delivery failed: neither a failure nor a delivery is claimed.
    void answersNotOnRecordAreNotJudged() {
        constexpr int None = MessageDelivery::NotRecorded;
        QList<MessageDelivery> list = deliveries({None, 200});
        QCOMPARE(explain(list, 1),
                 u"Sent again 5 min after #1, which has no answer on record, so whether Mews "
                 "counted that one a failure is not known."_s);
        QCOMPARE(explain(list, 0), u"Sent again 5 min later (#2)."_s);
        list = deliveries({500, None});
        QCOMPARE(explain(list, 1),
                 u"Sent again 5 min after #1, which was answered 500: a failed delivery, and "
                 "Mews tries again after a few minutes."_s);
    }

    void repeatAfterADeliveryIsFlagged() {
        const QList<MessageDelivery> list = deliveries({200, 200});
        const QString text = explain(list, 1);
        QVERIFY2(text.contains(u"although that one was answered 200, a delivery"_s),
                 qPrintable(text));
        QVERIFY2(text.contains(u"idempotently"_s), qPrintable(text));
        QVERIFY2(!text.contains(u"delivered."_s), qPrintable(text));
    }

    void quickRepeatsAreNotMewsRetries() {
        QList<MessageDelivery> list = deliveries({200, 200, 200});
        list[1].receivedUtcMs = list[0].receivedUtcMs + 56; // a replay, not Mews
        const QString soon = u"a repeat this soon came from something else"_s;
        QVERIFY2(explain(list, 1).contains(soon), qPrintable(explain(list, 1)));
        QVERIFY(explain(list, 0).contains(soon));
        // #3 came minutes after #2: it may well be Mews.
        QVERIFY(!explain(list, 2).contains(soon));
    }

    void lastFailureSaysWhatMewsDoesNext() {
        const QList<MessageDelivery> list = deliveries({500, 500, 500});
        const QString text = explain(list, 2);
        QVERIFY2(text.contains(u"This, its 3rd delivery, was answered 500 and failed: Mews sends "
                               "it again later, and drops it after repeated failures"_s),
                 qPrintable(text));
        // Not on the ones before: the story goes on after them.
        QVERIFY(!explain(list, 1).contains(u"drops"_s));
    }

    void ordinalsReadRight_data() {
        QTest::addColumn<int>("count");
        QTest::addColumn<QString>("ordinal");
        QTest::newRow("2") << 2 << u"2nd"_s;
        QTest::newRow("4") << 4 << u"4th"_s;
        QTest::newRow("11") << 11 << u"11th"_s;
        QTest::newRow("12") << 12 << u"12th"_s;
        QTest::newRow("21") << 21 << u"21st"_s;
        QTest::newRow("23") << 23 << u"23rd"_s;
    }
    void ordinalsReadRight() {
        QFETCH(int, count);
        QFETCH(QString, ordinal);
        QList<int> statuses(count, 500);
        const QString text = explain(deliveries(statuses), count - 1);
        QVERIFY2(text.contains(u"This, its "_s + ordinal + u" delivery"_s), qPrintable(text));
    }
};

QTEST_GUILESS_MAIN(TestMessageDeliveries)
#include "tst_messagedeliveries.moc"
