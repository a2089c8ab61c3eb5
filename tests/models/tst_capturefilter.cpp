#include "modeltestdata.h"

#include "models/capturefilter.h"
#include "models/capturematcher.h"
#include "session/captureindex.h"

#include <QTest>

using namespace ModelTestData;

namespace {

/// What a capture is, read from the decoder's analysis (not from the index): the oracle.
struct Facts {
    QStringList tags;
    bool analysed = true;
    WebhookKind kind = WebhookKind::NotJson;
    std::optional<ContractState> state;
    QString method;
    QString enterprise;
    QString integration;
    qint64 id = 0;
};

Facts factsOf(const AnalysedCapture &c) {
    Facts facts;
    facts.id = c.capture.id;
    facts.analysed = c.analysed;
    facts.method = QString::fromUtf8(c.capture.method);
    if (c.capture.isRejected())
        facts.state = ContractState::Rejected;
    if (!c.analysed)
        return facts;
    facts.kind = c.analysis.kind;
    if (!facts.state)
        facts.state = c.analysis.contractState();
    if (!c.analysis.action.isEmpty())
        facts.tags.append(c.analysis.action);
    for (const WebhookEvent &event : c.analysis.events)
        facts.tags.append(event.discriminator);
    facts.enterprise = c.analysis.enterpriseId;
    facts.integration = c.analysis.integrationId;
    return facts;
}

QList<WebhookKind> kindsFrom(const QStringList &ids) {
    QList<WebhookKind> kinds;
    for (WebhookKind kind :
         {WebhookKind::Integration, WebhookKind::General, WebhookKind::OtherJson,
          WebhookKind::InvalidJson, WebhookKind::TooDeep, WebhookKind::NotJson}) {
        if (ids.contains(webhookKindId(kind)))
            kinds.append(kind);
    }
    return kinds;
}

QList<ContractState> statesFrom(const QStringList &ids) {
    QList<ContractState> states;
    for (int s = 0; s <= int(ContractState::Rejected); ++s) {
        if (ids.contains(contractStateId(ContractState(s))))
            states.append(ContractState(s));
    }
    return states;
}

QList<qint64> idsFrom(const QString &text) {
    QList<qint64> ids;
    for (const QString &part : text.split(QLatin1Char(','), Qt::SkipEmptyParts))
        ids.append(part.toLongLong());
    return ids;
}

} // namespace

class TestCaptureFilter : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void criteria_data();
    void criteria();
    void emptyFilterMatchesAll();
    void capturesWithoutAnalysis();
    void tagsBeyondTheMask();
    void namesLearnedLater();
    void textMatchesAheadOfTheStore();
    void textAdditionsAreRecognised();
    void valueSemantics();
    void firstDeliveriesOrRepeats();

private:
    QList<AnalysedCapture> m_captures;
    CaptureIndex m_index;
};

void TestCaptureFilter::initTestCase() {
    QList<Capture> captures = mixedCaptures();
    // A second enterprise and integration, and methods other than POST.
    Capture other =
        webhook(general({{"ResourceUpdated", "r1"}}, "0aa0aa0a-1111-4222-8333-444455556666"), 90);
    other.body.replace("0c9a7e52-8b1d-4e63-a0f4-2d7b5c19e8a6",
                       "99999999-8b1d-4e63-a0f4-2d7b5c19e8a6");
    captures.append(other);
    captures.append(webhook(general({{"CustomerAdded", "c1"}}), 91, "PUT"));
    m_captures = analysed(captures);
    for (const AnalysedCapture &c : std::as_const(m_captures))
        QVERIFY(m_index.append(c));
}

void TestCaptureFilter::criteria_data() {
    QTest::addColumn<QStringList>("tags");
    QTest::addColumn<QStringList>("kinds");
    QTest::addColumn<QStringList>("states");
    QTest::addColumn<QStringList>("methods");
    QTest::addColumn<QString>("enterprise");
    QTest::addColumn<QString>("integration");
    QTest::addColumn<QString>("textIds"); // "-" for no text criterion

    const QString aurora = QStringLiteral("3b0f6c1e-5d2a-4f7e-9a41-6c2d8e0b7f15");
    const QString integration = QStringLiteral("0c9a7e52-8b1d-4e63-a0f4-2d7b5c19e8a6");
    const QString none = QStringLiteral("-");
    QTest::newRow("one discriminator")
        << QStringList{QStringLiteral("ServiceOrderUpdated")} << QStringList() << QStringList()
        << QStringList() << QString() << QString() << none;
    QTest::newRow("discriminator or action")
        << QStringList{QStringLiteral("PaymentUpdated"), QStringLiteral("IntegrationCreated")}
        << QStringList() << QStringList() << QStringList() << QString() << QString() << none;
    QTest::newRow("unknown discriminator seen")
        << QStringList{QStringLiteral("ReservationTeleported")} << QStringList() << QStringList()
        << QStringList() << QString() << QString() << none;
    QTest::newRow("name nobody sent")
        << QStringList{QStringLiteral("NoSuchEvent")} << QStringList() << QStringList()
        << QStringList() << QString() << QString() << none;
    QTest::newRow("general") << QStringList() << QStringList{QStringLiteral("general")}
                             << QStringList() << QStringList() << QString() << QString() << none;
    QTest::newRow("integration or not json")
        << QStringList() << QStringList{QStringLiteral("integration"), QStringLiteral("not-json")}
        << QStringList() << QStringList() << QString() << QString() << none;
    QTest::newRow("rejected") << QStringList() << QStringList()
                              << QStringList{QStringLiteral("rejected")} << QStringList()
                              << QString() << QString() << none;
    QTest::newRow("ok or errors") << QStringList() << QStringList()
                                  << QStringList{QStringLiteral("ok"), QStringLiteral("errors")}
                                  << QStringList() << QString() << QString() << none;
    QTest::newRow("invalid json or notes")
        << QStringList() << QStringList()
        << QStringList{QStringLiteral("invalid-json"), QStringLiteral("notes")} << QStringList()
        << QString() << QString() << none;
    QTest::newRow("GET") << QStringList() << QStringList() << QStringList()
                         << QStringList{QStringLiteral("GET")} << QString() << QString() << none;
    QTest::newRow("PUT or POST") << QStringList() << QStringList() << QStringList()
                                 << QStringList{QStringLiteral("PUT"), QStringLiteral("POST")}
                                 << QString() << QString() << none;
    QTest::newRow("method case matters")
        << QStringList() << QStringList() << QStringList() << QStringList{QStringLiteral("post")}
        << QString() << QString() << none;
    QTest::newRow("enterprise") << QStringList() << QStringList() << QStringList() << QStringList()
                                << aurora << QString() << none;
    QTest::newRow("unknown enterprise")
        << QStringList() << QStringList() << QStringList() << QStringList()
        << QStringLiteral("nope") << QString() << none;
    QTest::newRow("integration id") << QStringList() << QStringList() << QStringList()
                                    << QStringList() << QString() << integration << none;
    QTest::newRow("text ids") << QStringList() << QStringList() << QStringList() << QStringList()
                              << QString() << QString() << QStringLiteral("2,5,7,400");
    QTest::newRow("empty text result") << QStringList() << QStringList() << QStringList()
                                       << QStringList() << QString() << QString() << QString();
    QTest::newRow("tag and enterprise")
        << QStringList{QStringLiteral("ResourceUpdated")} << QStringList() << QStringList()
        << QStringList() << aurora << QString() << none;
    QTest::newRow("kind, state and text")
        << QStringList() << QStringList{QStringLiteral("general")}
        << QStringList{QStringLiteral("ok"), QStringLiteral("notes"), QStringLiteral("warnings")}
        << QStringList() << QString() << QString() << QStringLiteral("1,2,3,4,5,6,7,8,9,10");
    QTest::newRow("everything at once")
        << QStringList{QStringLiteral("CustomerAdded"), QStringLiteral("MessageAdded")}
        << QStringList{QStringLiteral("general")} << QStringList()
        << QStringList{QStringLiteral("POST")} << aurora << integration
        << QStringLiteral("1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16");
}

void TestCaptureFilter::criteria() {
    QFETCH(QStringList, tags);
    QFETCH(QStringList, kinds);
    QFETCH(QStringList, states);
    QFETCH(QStringList, methods);
    QFETCH(QString, enterprise);
    QFETCH(QString, integration);
    QFETCH(QString, textIds);

    CaptureFilter filter;
    filter.setTags(tags);
    filter.setKinds(kindsFrom(kinds));
    filter.setStates(statesFrom(states));
    filter.setMethods(methods);
    filter.setEnterpriseId(enterprise);
    filter.setIntegrationId(integration);
    if (textIds != QLatin1String("-"))
        filter.setTextMatches(idsFrom(textIds));
    QCOMPARE(filter.isEmpty(), false);

    const CaptureMatcher matcher(filter, m_index);
    for (qsizetype i = 0; i < m_captures.size(); ++i) {
        const Facts f = factsOf(m_captures.at(i));
        bool expected = true;
        if (!tags.isEmpty()) {
            bool any = false;
            for (const QString &tag : f.tags)
                any = any || tags.contains(tag);
            expected = expected && any;
        }
        if (!kinds.isEmpty())
            expected = expected && f.analysed && kinds.contains(webhookKindId(f.kind));
        if (!states.isEmpty())
            expected = expected && f.state && states.contains(contractStateId(*f.state));
        if (!methods.isEmpty())
            expected = expected && methods.contains(f.method);
        if (!enterprise.isEmpty())
            expected = expected && f.enterprise == enterprise;
        if (!integration.isEmpty())
            expected = expected && f.integration == integration;
        if (textIds != QLatin1String("-"))
            expected = expected && idsFrom(textIds).contains(f.id);
        QCOMPARE(filter.matches(m_index, i), expected);
        QCOMPARE(matcher.matches(m_index, i), expected);
    }
}

void TestCaptureFilter::emptyFilterMatchesAll() {
    const CaptureFilter filter;
    QVERIFY(filter.isEmpty());
    const CaptureMatcher matcher(filter, m_index);
    QVERIFY(matcher.matchesEverything());
    for (qsizetype i = 0; i < m_index.size(); ++i)
        QVERIFY(filter.matches(m_index, i));
    // Empty strings are no criterion.
    CaptureFilter blanks;
    blanks.setTags({QString()});
    blanks.setMethods({QString()});
    QVERIFY(blanks.isEmpty());
}

void TestCaptureFilter::capturesWithoutAnalysis() {
    CaptureIndex index;
    AnalysedCapture pending = analyse(webhook(general({{"MessageAdded", "m"}}), 1));
    pending.capture.id = 1;
    pending.analysed = false;
    AnalysedCapture refused = analyse(rejected(2, QStringLiteral("405: GET is not accepted")));
    refused.capture.id = 2;
    refused.analysed = false;
    QVERIFY(index.append(pending));
    QVERIFY(index.append(refused));

    CaptureFilter byKind;
    byKind.setKinds({WebhookKind::General, WebhookKind::NotJson});
    QVERIFY(!byKind.matches(index, 0)); // no analysis, so no kind
    QVERIFY(!byKind.matches(index, 1));
    CaptureFilter byTag;
    byTag.setTags({QStringLiteral("MessageAdded")});
    QVERIFY(!byTag.matches(index, 0)); // its events are not known yet
    CaptureFilter byState;
    byState.setStates({ContractState::Ok, ContractState::Rejected});
    QVERIFY(!byState.matches(index, 0));
    QVERIFY(byState.matches(index, 1)); // the listener's rejection is known without analysis
    CaptureFilter byMethod;
    byMethod.setMethods({QStringLiteral("GET")});
    QVERIFY(!byMethod.matches(index, 0));
    QVERIFY(byMethod.matches(index, 1));
}

void TestCaptureFilter::tagsBeyondTheMask() {
    // 70 discriminators: tags 63 and up share the last bit of the mask.
    CaptureIndex index;
    for (int i = 0; i < 70; ++i) {
        const QByteArray name = "Custom" + QByteArray::number(i) + "Updated";
        AnalysedCapture c = analyse(webhook(general({{name, "e" + QByteArray::number(i)}}), i));
        c.capture.id = i + 1;
        QVERIFY(index.append(c));
    }
    QVERIFY(index.tagCount() > CaptureIndex::MaskedTags);
    for (const QList<int> &wanted : {QList<int>{66}, QList<int>{3, 68}, QList<int>{63, 64, 69}}) {
        CaptureFilter filter;
        QStringList tags;
        for (int i : wanted)
            tags.append(QStringLiteral("Custom%1Updated").arg(i));
        filter.setTags(tags);
        for (int i = 0; i < 70; ++i)
            QCOMPARE(filter.matches(index, i), wanted.contains(i));
    }
}

void TestCaptureFilter::namesLearnedLater() {
    CaptureIndex index;
    AnalysedCapture first = analyse(webhook(general({{"ResourceUpdated", "r"}}), 1));
    first.capture.id = 1;
    QVERIFY(index.append(first));

    CaptureFilter filter;
    filter.setTags({QStringLiteral("PaymentUpdated")});
    filter.setEnterpriseId(QStringLiteral("77777777-0000-4000-8000-000000000000"));
    CaptureMatcher matcher(filter, index);
    QVERIFY(!matcher.matches(index, 0));

    AnalysedCapture later = analyse(
        webhook(general({{"PaymentUpdated", "p"}}, "77777777-0000-4000-8000-000000000000"), 2));
    later.capture.id = 2;
    QVERIFY(index.append(later));
    QVERIFY(!matcher.isCurrent(index));
    matcher.refresh(index);
    QVERIFY(matcher.isCurrent(index));
    QVERIFY(!matcher.matches(index, 0));
    QVERIFY(matcher.matches(index, 1));
    QVERIFY(filter.matches(index, 1)); // the convenience path notices by itself
}

void TestCaptureFilter::textMatchesAheadOfTheStore() {
    // A search can find a capture in the file before the store has it.
    CaptureIndex index;
    QList<AnalysedCapture> captures = analysed(mixedCaptures(), 10);
    for (int i = 0; i < 5; ++i)
        QVERIFY(index.append(captures.at(i)));
    CaptureFilter filter;
    filter.setTextMatches({11, 13, 16, 18, 9, 11});
    QCOMPARE(filter.textMatches(), (QList<qint64>{9, 11, 13, 16, 18}));
    CaptureMatcher matcher(filter, index);
    for (int i = 5; i < 10; ++i)
        QVERIFY(index.append(captures.at(i)));
    for (int i = 0; i < 10; ++i)
        QCOMPARE(matcher.matches(index, i), QList<qint64>({11, 13, 16, 18}).contains(10 + i));
    matcher.addTextMatches({19});
    QVERIFY(matcher.matches(index, 9));
}

void TestCaptureFilter::textAdditionsAreRecognised() {
    CaptureFilter before;
    before.setTags({QStringLiteral("MessageAdded")});
    before.setTextMatches({3, 5});
    CaptureFilter after = before;
    after.addTextMatches({9, 7});
    QList<qint64> added;
    QVERIFY(after.onlyAddsTextMatchesTo(before, &added));
    QCOMPARE(added, (QList<qint64>{7, 9}));
    QCOMPARE(after.textMatches(), (QList<qint64>{3, 5, 7, 9}));

    CaptureFilter fewer = before;
    fewer.setTextMatches({3});
    QVERIFY(!fewer.onlyAddsTextMatchesTo(before, &added));
    CaptureFilter otherTag = after;
    otherTag.setTags({QStringLiteral("CustomerAdded")});
    QVERIFY(!otherTag.onlyAddsTextMatchesTo(before, &added));
    CaptureFilter noText;
    noText.setTags({QStringLiteral("MessageAdded")});
    QVERIFY(!after.onlyAddsTextMatchesTo(noText, &added)); // narrowing, not adding
}

void TestCaptureFilter::valueSemantics() {
    CaptureFilter a;
    a.setTags({QStringLiteral("B"), QStringLiteral("A"), QStringLiteral("B")});
    a.setStates({ContractState::Errors, ContractState::Ok, ContractState::Errors});
    QCOMPARE(a.tags(), (QStringList{QStringLiteral("A"), QStringLiteral("B")}));
    QCOMPARE(a.states(), (QList<ContractState>{ContractState::Ok, ContractState::Errors}));
    CaptureFilter b = a;
    QVERIFY(a == b);
    QVERIFY(a.matches(m_index, 0) == b.matches(m_index, 0));
    b.setTags({QStringLiteral("A")});
    QVERIFY(!(a == b));
    QCOMPARE(a.tags().size(), 2); // the copy changed alone
    b.setTags(a.tags());
    b.setTextMatches({});
    QVERIFY(!(a == b)); // an empty text result is a criterion: nothing matches
    b.clearTextMatches();
    QVERIFY(a == b);
}

void TestCaptureFilter::firstDeliveriesOrRepeats() {
    const QByteArray a = QByteArrayLiteral(R"({"Action":"ServiceOrderUpdated","Data":{}})");
    const QByteArray b = QByteArrayLiteral(R"({"Action":"IntegrationCreated","Data":{}})");
    CaptureIndex index;
    for (const AnalysedCapture &c : analysed({webhook(a, 1), webhook(b, 2), webhook(a, 3),
                                              webhook(QByteArray(), 4), webhook(a, 5)}))
        QVERIFY(index.append(c));
    const auto shown = [&index](const QList<DeliveryKind> &kinds) {
        CaptureFilter filter;
        filter.setDeliveries(kinds);
        QList<int> positions;
        for (qsizetype i = 0; i < index.size(); ++i) {
            if (filter.matches(index, i))
                positions.append(int(i));
        }
        return positions;
    };
    // The empty body was not sent again: a first delivery, counted as one.
    QCOMPARE(shown({DeliveryKind::First}), (QList<int>{0, 1, 3}));
    QCOMPARE(shown({DeliveryKind::Repeat}), (QList<int>{2, 4}));
    QCOMPARE(shown({DeliveryKind::Repeat, DeliveryKind::First}), (QList<int>{0, 1, 2, 3, 4}));
    QCOMPARE(shown({}), (QList<int>{0, 1, 2, 3, 4}));
    QCOMPARE(index.countOf(DeliveryKind::First), 3);
    QCOMPARE(index.countOf(DeliveryKind::Repeat), 2);
    CaptureFilter repeats;
    repeats.setDeliveries({DeliveryKind::Repeat});
    QVERIFY(!repeats.isEmpty());
    QVERIFY(!(repeats == CaptureFilter()));
}

QTEST_GUILESS_MAIN(TestCaptureFilter)
#include "tst_capturefilter.moc"
