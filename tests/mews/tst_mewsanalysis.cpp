#include "mews/mewsanalysis.h"

#include <QTest>

class TestMewsAnalysis : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void eventsSummary_data();
    void eventsSummary();
    void integrationSummaryIsTheAction();
};

void TestMewsAnalysis::eventsSummary_data() {
    QTest::addColumn<QStringList>("discriminators");
    QTest::addColumn<QString>("summary");
    QTest::newRow("none") << QStringList() << QString();
    QTest::newRow("one") << QStringList{u"MessageAdded"_qs} << u"MessageAdded"_qs;
    QTest::newRow("repeated") << QStringList{u"ServiceOrderUpdated"_qs, u"ServiceOrderUpdated"_qs}
                              << u"ServiceOrderUpdated ×2"_qs;
    QTest::newRow("first appearance order")
        << QStringList{u"ResourceUpdated"_qs, u"MessageAdded"_qs, u"ResourceUpdated"_qs,
                       u"CustomerAdded"_qs,   u"MessageAdded"_qs, u"ResourceUpdated"_qs}
        << u"ResourceUpdated ×3, MessageAdded ×2, CustomerAdded"_qs;
    QTest::newRow("unknown and empty kept")
        << QStringList{u"FutureThing"_qs, QString(), u"FutureThing"_qs} << u"FutureThing ×2, "_qs;
    QTest::newRow("empty first") << QStringList{QString(), u"MessageAdded"_qs}
                                 << u", MessageAdded"_qs;
    QStringList many;
    for (int i = 0; i < 40; ++i)
        many.append(u"Kind"_qs + QString::number(i % 20));
    QString expected;
    for (int i = 0; i < 20; ++i)
        expected += (i ? u", "_qs : QString()) + u"Kind"_qs + QString::number(i) + u" ×2"_qs;
    QTest::newRow("more kinds than the inline buffer") << many << expected;
}

void TestMewsAnalysis::eventsSummary() {
    QFETCH(QStringList, discriminators);
    QFETCH(QString, summary);
    MewsAnalysis analysis;
    analysis.kind = WebhookKind::General;
    for (const QString &discriminator : discriminators) {
        WebhookEvent event;
        event.discriminator = discriminator;
        analysis.events.append(event);
    }
    QCOMPARE(analysis.eventsSummary(), summary);
}

void TestMewsAnalysis::integrationSummaryIsTheAction() {
    MewsAnalysis analysis;
    analysis.kind = WebhookKind::Integration;
    analysis.action = u"IntegrationCreated"_qs;
    QCOMPARE(analysis.eventsSummary(), u"IntegrationCreated"_qs);
}

QTEST_APPLESS_MAIN(TestMewsAnalysis)
#include "tst_mewsanalysis.moc"
