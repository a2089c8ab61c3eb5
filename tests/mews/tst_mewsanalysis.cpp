#include "mews/mewsanalysis.h"

#include <QTest>

Q_DECLARE_METATYPE(JsonError)

class TestMewsAnalysis : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void eventsSummary_data();
    void eventsSummary();
    void integrationSummaryIsTheAction();
    void memoisedSummaryIsTheComposedOne();
    void equalityIgnoresTheMemo();
    void summaryOfABodyNotDecoded_data();
    void summaryOfABodyNotDecoded();
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
    // An event without a Discriminator is counted and named as the event list names it.
    QTest::newRow("unknown and empty kept")
        << QStringList{u"FutureThing"_qs, QString(), u"FutureThing"_qs}
        << u"FutureThing ×2, (no discriminator)"_qs;
    QTest::newRow("empty first") << QStringList{QString(), u"MessageAdded"_qs, QString()}
                                 << u"(no discriminator) ×2, MessageAdded"_qs;
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

namespace {

MewsAnalysis generalWithEvents() {
    MewsAnalysis analysis;
    analysis.kind = WebhookKind::General;
    analysis.enterpriseId = u"3b0f6c1e-5d2a-4f7e-9a41-6c2d8e0b7f15"_qs;
    for (const QString &name : {u"MessageAdded"_qs, u"ResourceUpdated"_qs, u"MessageAdded"_qs}) {
        WebhookEvent event;
        event.discriminator = name;
        analysis.events.append(event);
    }
    return analysis;
}

} // namespace

void TestMewsAnalysis::memoisedSummaryIsTheComposedOne() {
    MewsAnalysis analysis = generalWithEvents();
    const QString composed = analysis.summary();
    QCOMPARE(composed, u"General webhook · 3 events: MessageAdded ×2, ResourceUpdated · "
                       u"enterprise 3b0f6c1e…"_qs);
    QVERIFY(analysis.summaryMemo.text.isNull());
    analysis.memoiseSummary();
    QCOMPARE(analysis.summaryMemo.text, composed);
    // From now on the memo answers: a field changed afterwards (which callers must not
    // do) shows that summary() no longer composes.
    analysis.events.clear();
    QCOMPARE(analysis.summary(), composed);
    QCOMPARE(analysis.composeSummary(), u"General webhook · 0 events · enterprise 3b0f6c1e…"_qs);
    // An Id of 8 characters or fewer is shown whole, with no mark of a cut.
    analysis.enterpriseId = u"3b0f6c1e"_qs;
    QCOMPARE(analysis.composeSummary(), u"General webhook · 0 events · enterprise 3b0f6c1e"_qs);
    analysis.enterpriseId = u"abc"_qs;
    QCOMPARE(analysis.composeSummary(), u"General webhook · 0 events · enterprise abc"_qs);
}

void TestMewsAnalysis::equalityIgnoresTheMemo() {
    MewsAnalysis plain = generalWithEvents();
    MewsAnalysis memoised = generalWithEvents();
    memoised.memoiseSummary();
    QVERIFY(plain == memoised);
    memoised.events.removeLast();
    QVERIFY(!(plain == memoised)); // the rest still counts
}

void TestMewsAnalysis::summaryOfABodyNotDecoded_data() {
    QTest::addColumn<JsonError>("error");
    QTest::addColumn<QString>("summary");
    QTest::addColumn<ContractState>("state");
    QTest::newRow("no place") << JsonError() << u"Invalid JSON"_qs << ContractState::InvalidJson;
    QTest::newRow("invalid") << JsonError{475, 16, 10, u"trailing comma before ]"_qs}
                             << u"Invalid JSON at line 16, column 10: trailing comma before ]"_qs
                             << ContractState::InvalidJson;
    JsonError deep{1024, 1, 1025, u"nesting deeper than this inspector's limit of 1024 levels"_qs};
    deep.tooDeep = true;
    QTest::newRow("too deep") << deep
                              << u"Not decoded at line 1, column 1025: nesting deeper than this "
                                 u"inspector's limit of 1024 levels"_qs
                              << ContractState::Ok; // no findings given here
}

// Nesting beyond the limit stops the decoder, but says nothing against the JSON.
void TestMewsAnalysis::summaryOfABodyNotDecoded() {
    QFETCH(JsonError, error);
    QFETCH(QString, summary);
    QFETCH(ContractState, state);
    MewsAnalysis analysis;
    analysis.kind = error.tooDeep ? WebhookKind::TooDeep : WebhookKind::InvalidJson;
    analysis.jsonError = error;
    QCOMPARE(analysis.summary(), summary);
    QCOMPARE(analysis.contractState(), state);
}

QTEST_APPLESS_MAIN(TestMewsAnalysis)
#include "tst_mewsanalysis.moc"
