#include "mews/webhookdecoder.h"
#include "mewstestdata.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace MewsTestData;

// GeneralWebhookReader through its caller, WebhookDecoder: events and legacy entities,
// linked by Id, and the findings about what does not line up.

namespace {

QJsonObject sample(const QString &name) {
    return strict(TestSupport::readData(QStringLiteral("samples/") + name)).object();
}

MewsAnalysis read(const QJsonObject &root) {
    return WebhookDecoder().decode(QJsonDocument(root).toJson(), "application/json");
}

QString findingsText(const MewsAnalysis &analysis) {
    QStringList lines;
    for (const ContractFinding &finding : analysis.findings)
        lines.append(finding.path + QStringLiteral(": ") + finding.message);
    return lines.join(QLatin1Char('\n'));
}

} // namespace

class TestGeneralWebhookReader : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void unknownCollectionIsKept();
    void missingEntity();
    void entityNoEventNames();
    void repeatedEntity();
    void repeatedIds_data();
    void repeatedIds();
    void repeatedIdsInterleaved();
    void repeatedIdsOfEveryKind();
    void guidsLinkWithoutRegardToCase();
    void unknownDiscriminatorLinksToAKnownList();
    void eventsThatAreNotAList();
    void currentFormatIsNormal();
    void entitiesWithoutTheirList();
    void entitiesInBodyOrder();
};

void TestGeneralWebhookReader::unknownCollectionIsKept() {
    QJsonObject root =
        strict(TestSupport::readData(QStringLiteral("samples/general-CustomerAdded.json")))
            .object();
    const QString id =
        root[QLatin1String("Events")][0][QLatin1String("Value")][QLatin1String("Id")].toString();
    root.insert(QStringLiteral("Entities"),
                QJsonObject{{QStringLiteral("Customers"),
                             QJsonArray{QJsonObject{
                                 {QStringLiteral("Id"), id},
                                 {QStringLiteral("LastName"), QStringLiteral("Silva")}}}}});
    const MewsAnalysis analysis = read(root);
    QCOMPARE(analysis.entities.size(), 1);
    const WebhookEntity &entity = analysis.entities.constFirst();
    QCOMPARE(entity.collection, QStringLiteral("Customers"));
    QVERIFY(!entity.knownCollection);
    QCOMPARE(entity.id, id);
    QCOMPARE(entity.path, QStringLiteral("Entities.Customers[0]"));
    QCOMPARE(analysis.count(FindingSeverity::Error), 0);
    QCOMPARE(analysis.count(FindingSeverity::Warning), 0);
    const bool noted =
        std::any_of(analysis.findings.cbegin(), analysis.findings.cend(), [](const auto &f) {
            return f.path == QLatin1String("Entities.Customers") &&
                   f.severity == FindingSeverity::Note &&
                   f.message.contains(QLatin1String("not known to this version"));
        });
    QVERIFY2(noted, qPrintable(findingsText(analysis)));
}

void TestGeneralWebhookReader::missingEntity() {
    // Drop the second reservation: its event still names it.
    QJsonObject root =
        strict(TestSupport::readData(QStringLiteral("samples/general-ServiceOrderUpdated.json")))
            .object();
    QJsonObject entities = root.value(QLatin1String("Entities")).toObject();
    QJsonArray orders = entities.value(QLatin1String("ServiceOrders")).toArray();
    orders.removeAt(1);
    entities.insert(QStringLiteral("ServiceOrders"), orders);
    root.insert(QStringLiteral("Entities"), entities);
    const MewsAnalysis analysis = read(root);

    QVERIFY(analysis.events.at(0).entityIncluded());
    QVERIFY(!analysis.events.at(1).entityIncluded());
    QCOMPARE(analysis.count(FindingSeverity::Warning), 1);
    QCOMPARE(analysis.count(FindingSeverity::Error), 0);
    const auto warning =
        std::find_if(analysis.findings.cbegin(), analysis.findings.cend(),
                     [](const auto &f) { return f.severity == FindingSeverity::Warning; });
    QCOMPARE(warning->path, QStringLiteral("Events[1].Value.Id"));
    QVERIFY(warning->message.contains(analysis.events.at(1).entityId));
    QVERIFY(warning->message.contains(QLatin1String("Entities.ServiceOrders")));
}

void TestGeneralWebhookReader::entityNoEventNames() {
    QJsonObject root =
        strict(TestSupport::readData(QStringLiteral("samples/general-ServiceOrderUpdated.json")))
            .object();
    QJsonArray events = root.value(QLatin1String("Events")).toArray();
    events.removeAt(0);
    root.insert(QStringLiteral("Events"), events);
    const MewsAnalysis analysis = read(root);
    QCOMPARE(analysis.entities.at(0).eventIndex, -1);
    QCOMPARE(analysis.entities.at(1).eventIndex, 0);
    QCOMPARE(analysis.count(FindingSeverity::Warning), 1);
    const auto warning =
        std::find_if(analysis.findings.cbegin(), analysis.findings.cend(),
                     [](const auto &f) { return f.severity == FindingSeverity::Warning; });
    QCOMPARE(warning->path, QStringLiteral("Entities.ServiceOrders[0].Id"));
    QVERIFY(warning->message.contains(QLatin1String("ServiceOrderUpdated")));
}

void TestGeneralWebhookReader::repeatedEntity() {
    QJsonObject root =
        strict(TestSupport::readData(QStringLiteral("samples/general-ResourceUpdated.json")))
            .object();
    QJsonObject entities = root.value(QLatin1String("Entities")).toObject();
    QJsonArray resources = entities.value(QLatin1String("Resources")).toArray();
    resources.append(resources.at(0));
    entities.insert(QStringLiteral("Resources"), resources);
    root.insert(QStringLiteral("Entities"), entities);
    const MewsAnalysis analysis = read(root);
    QCOMPARE(analysis.entities.size(), 2);
    QCOMPARE(analysis.entities.at(0).eventIndex, 0);
    QCOMPARE(analysis.entities.at(1).eventIndex, 0);
    QCOMPARE(analysis.events.at(0).entityIndex, 0);
    QCOMPARE(analysis.count(FindingSeverity::Warning), 1);
    const auto warning =
        std::find_if(analysis.findings.cbegin(), analysis.findings.cend(),
                     [](const auto &f) { return f.severity == FindingSeverity::Warning; });
    QCOMPARE(warning->path, QStringLiteral("Entities.Resources[1].Id"));
    QVERIFY(warning->message.contains(QLatin1String("Entities.Resources[0]")));
}

void TestGeneralWebhookReader::repeatedIds_data() {
    QTest::addColumn<QString>("first");
    QTest::addColumn<QString>("second");
    QTest::addColumn<FindingSeverity>("severity");
    QTest::newRow("Added then Updated") << "CustomerAdded"
                                        << "CustomerUpdated" << FindingSeverity::Note;
    QTest::newRow("Updated then Added") << "CustomerUpdated"
                                        << "CustomerAdded" << FindingSeverity::Note;
    QTest::newRow("same event twice") << "PaymentUpdated"
                                      << "PaymentUpdated" << FindingSeverity::Warning;
    QTest::newRow("two kinds of entity") << "PaymentUpdated"
                                         << "CustomerUpdated" << FindingSeverity::Warning;
}

void TestGeneralWebhookReader::repeatedIds() {
    QFETCH(QString, first);
    QFETCH(QString, second);
    QFETCH(FindingSeverity, severity);
    const QString id = QStringLiteral("0e2a4c6e-8b0d-4f13-95b7-d9f1b3d5f7a0");
    const auto event = [&](const QString &discriminator) {
        return QJsonObject{{QStringLiteral("Discriminator"), discriminator},
                           {QStringLiteral("Value"), QJsonObject{{QStringLiteral("Id"), id}}}};
    };
    const QJsonObject root{
        {QStringLiteral("EnterpriseId"), QStringLiteral("3b0f6c1e-5d2a-4f7e-9a41-6c2d8e0b7f15")},
        {QStringLiteral("IntegrationId"), QStringLiteral("0c9a7e52-8b1d-4e63-a0f4-2d7b5c19e8a6")},
        {QStringLiteral("Events"), QJsonArray{event(first), event(second)}}};
    const MewsAnalysis analysis = read(root);
    QCOMPARE(analysis.findings.size(), 1);
    QCOMPARE(analysis.findings.constFirst().path, QStringLiteral("Events[1].Value.Id"));
    QCOMPARE(analysis.findings.constFirst().severity, severity);
    QVERIFY(analysis.findings.constFirst().message.contains(QLatin1String("Events[0]")));
}

void TestGeneralWebhookReader::repeatedIdsInterleaved() {
    // Two Ids, their events interleaved: findings come in event order, and each names the
    // first earlier event it clashes with, not the nearest.
    const QString payment = QStringLiteral("0e2a4c6e-8b0d-4f13-95b7-d9f1b3d5f7a0");
    const QString customer = QStringLiteral("7c1d3e5f-9a2b-4c6d-8e0f-1a3b5c7d9e2f");
    const auto event = [](const QString &discriminator, const QString &id) {
        return QJsonObject{{QStringLiteral("Discriminator"), discriminator},
                           {QStringLiteral("Value"), QJsonObject{{QStringLiteral("Id"), id}}}};
    };
    const QJsonObject root{
        {QStringLiteral("EnterpriseId"), QStringLiteral("3b0f6c1e-5d2a-4f7e-9a41-6c2d8e0b7f15")},
        {QStringLiteral("IntegrationId"), QStringLiteral("0c9a7e52-8b1d-4e63-a0f4-2d7b5c19e8a6")},
        {QStringLiteral("Events"),
         QJsonArray{event(QStringLiteral("PaymentUpdated"), payment),
                    event(QStringLiteral("CustomerUpdated"), customer),
                    event(QStringLiteral("CustomerAdded"), customer),
                    event(QStringLiteral("PaymentUpdated"), payment),
                    event(QStringLiteral("ResourceUpdated"),
                          QStringLiteral("5b7d9f1a-3c5e-4a7b-9d1f-2b4d6f8a0c3e")),
                    event(QStringLiteral("PaymentUpdated"), payment)}}};
    const MewsAnalysis analysis = read(root);
    QCOMPARE(analysis.findings.size(), 3);
    QCOMPARE(analysis.findings.at(0).path, QStringLiteral("Events[2].Value.Id"));
    QCOMPARE(analysis.findings.at(0).severity, FindingSeverity::Note);
    QVERIFY(analysis.findings.at(0).message.contains(QLatin1String("as Events[1]")));
    QCOMPARE(analysis.findings.at(1).path, QStringLiteral("Events[3].Value.Id"));
    QVERIFY(analysis.findings.at(1).message.contains(QLatin1String("repeats Events[0]")));
    QCOMPARE(analysis.findings.at(2).path, QStringLiteral("Events[5].Value.Id"));
    QCOMPARE(analysis.findings.at(2).severity, FindingSeverity::Warning);
    QVERIFY2(analysis.findings.at(2).message.contains(QLatin1String("repeats Events[0]")),
             qPrintable(analysis.findings.at(2).message));
}

void TestGeneralWebhookReader::repeatedIdsOfEveryKind() {
    // One Id, named by an unknown event, two kinds of entity and repeats: each event is
    // judged against the first earlier one it clashes with, most serious clash first.
    const QString id = QStringLiteral("0e2a4c6e-8b0d-4f13-95b7-d9f1b3d5f7a0");
    QJsonArray events;
    for (const char *discriminator : {"FutureHappened", "CustomerUpdated", "CustomerAdded",
                                      "PaymentUpdated", "CustomerUpdated", "FutureHappened"}) {
        events.append(
            QJsonObject{{QStringLiteral("Discriminator"), QString::fromLatin1(discriminator)},
                        {QStringLiteral("Value"), QJsonObject{{QStringLiteral("Id"), id}}}});
    }
    const QJsonObject root{
        {QStringLiteral("EnterpriseId"), QStringLiteral("3b0f6c1e-5d2a-4f7e-9a41-6c2d8e0b7f15")},
        {QStringLiteral("IntegrationId"), QStringLiteral("0c9a7e52-8b1d-4e63-a0f4-2d7b5c19e8a6")},
        {QStringLiteral("Events"), events}};
    QStringList about;
    for (const ContractFinding &finding : read(root).findings) {
        if (finding.path.endsWith(QLatin1String(".Value.Id")))
            about.append(finding.path.section(u'.', 0, 0) + QStringLiteral(": ") +
                         finding.message.section(u')', 1).trimmed());
    }
    const QString shared = QStringLiteral("0e2a4c6e-8b0d-4f13-95b7-d9f1b3d5f7a0");
    QCOMPARE(
        about,
        (QStringList{QStringLiteral("Events[1]: names the same Id as Events[0] (FutureHappened)."),
                     QStringLiteral("Events[2]: names the same Id as Events[0] (FutureHappened)."),
                     QStringLiteral("Events[3]: and Events[1] (CustomerUpdated) give one Id, ") +
                         shared + QStringLiteral(", to two kinds of entity."),
                     QStringLiteral("Events[4]: repeats Events[1] for ") + shared + u'.',
                     QStringLiteral("Events[5]: repeats Events[0] for ") + shared + u'.'}));
}

void TestGeneralWebhookReader::guidsLinkWithoutRegardToCase() {
    // The event writes the GUID in capitals, the entity in lower case: the same reservation.
    QJsonObject root = sample(QStringLiteral("general-ServiceOrderUpdated.json"));
    QJsonArray events = root.value(QLatin1String("Events")).toArray();
    QJsonObject first = events.at(0).toObject();
    QJsonObject value = first.value(QLatin1String("Value")).toObject();
    const QString id = value.value(QLatin1String("Id")).toString();
    QVERIFY(id != id.toUpper());
    value.insert(QStringLiteral("Id"), id.toUpper());
    first.insert(QStringLiteral("Value"), value);
    events.replace(0, first);
    events.append(first); // and the same event again, in capitals: still a repeat
    root.insert(QStringLiteral("Events"), events);
    const MewsAnalysis analysis = read(root);
    QCOMPARE(analysis.events.at(0).entityIndex, 0);
    QCOMPARE(analysis.entities.at(0).eventIndex, 0);
    QCOMPARE(analysis.count(FindingSeverity::Warning), 1);
    QVERIFY2(findingsText(analysis).contains(QLatin1String("Events[2].Value.Id: Events[2] "
                                                           "(ServiceOrderUpdated) repeats "
                                                           "Events[0]")),
             qPrintable(findingsText(analysis)));
}

void TestGeneralWebhookReader::unknownDiscriminatorLinksToAKnownList() {
    // A discriminator Mews may add later, about a reservation in Entities.ServiceOrders:
    // linked by Id, and the reservation is not reported as named by no event.
    QJsonObject root = sample(QStringLiteral("general-ServiceOrderUpdated.json"));
    QJsonArray events = root.value(QLatin1String("Events")).toArray();
    QJsonObject second = events.at(1).toObject();
    second.insert(QStringLiteral("Discriminator"), QStringLiteral("ServiceOrderCanceled"));
    events.replace(1, second);
    root.insert(QStringLiteral("Events"), events);
    const MewsAnalysis analysis = read(root);
    QVERIFY(!analysis.events.at(1).known);
    QCOMPARE(analysis.events.at(1).entityIndex, 1);
    QCOMPARE(analysis.entities.at(1).eventIndex, 1);
    QVERIFY2(analysis.count(FindingSeverity::Warning) == 0, qPrintable(findingsText(analysis)));
}

void TestGeneralWebhookReader::eventsThatAreNotAList() {
    // Events as an object: the contract check reports it, and its members are not events.
    QJsonObject root = sample(QStringLiteral("general-current-format.json"));
    const QJsonArray events = root.value(QLatin1String("Events")).toArray();
    root.insert(QStringLiteral("Events"), QJsonObject{{QStringLiteral("first"), events.at(0)}});
    const MewsAnalysis analysis = read(root);
    QVERIFY(analysis.events.isEmpty());
    QVERIFY2(findingsText(analysis).contains(
                 QLatin1String("Events: Events must be an array; got an object.")),
             qPrintable(findingsText(analysis)));
}

void TestGeneralWebhookReader::currentFormatIsNormal() {
    const MewsAnalysis analysis = read(sample(QStringLiteral("general-current-format.json")));
    QVERIFY(analysis.entities.isEmpty());
    for (const WebhookEvent &event : analysis.events)
        QVERIFY(!event.entityIncluded());
    // Only the documented note on CustomerAdded + CustomerUpdated for one customer.
    QCOMPARE(analysis.findings.size(), 1);
    QCOMPARE(analysis.findings.constFirst().severity, FindingSeverity::Note);
    QCOMPARE(analysis.findings.constFirst().path, QStringLiteral("Events[6].Value.Id"));
    QCOMPARE(analysis.events.at(5).entityId, analysis.events.at(6).entityId);
}

void TestGeneralWebhookReader::entitiesWithoutTheirList() {
    // Entities is there but has no ServiceOrders list: a note naming the fetch operation.
    QJsonObject root = sample(QStringLiteral("general-ServiceOrderUpdated.json"));
    root.insert(QStringLiteral("Entities"),
                QJsonObject{{QStringLiteral("Resources"), QJsonArray()}});
    const MewsAnalysis analysis = read(root);
    QCOMPARE(analysis.count(FindingSeverity::Warning), 0);
    const auto note =
        std::find_if(analysis.findings.cbegin(), analysis.findings.cend(), [](const auto &f) {
            return f.path == QLatin1String("Entities") &&
                   f.message.contains(QLatin1String("ServiceOrders"));
        });
    QVERIFY2(note != analysis.findings.cend(), qPrintable(findingsText(analysis)));
    QCOMPARE(note->severity, FindingSeverity::Note);
    QVERIFY(note->message.contains(QLatin1String("2 events")));
    QVERIFY(note->message.contains(QLatin1String("reservations/getAll")));
    for (const WebhookEvent &event : analysis.events)
        QVERIFY(!event.entityIncluded());
}

void TestGeneralWebhookReader::entitiesInBodyOrder() {
    // Entities and the findings about them follow the body as sent, not name order.
    const QByteArray body = R"({"EnterpriseId": "3fa85f64-5717-4562-b3fc-2c963f66afa6",
        "IntegrationId": "3fa85f64-5717-4562-b3fc-2c963f66afa7", "Events": [],
        "Entities": {"Resources": [{"Id": "r1"}], "Messages": [{"Id": "m1"}],
                     "Zebras": [{"Id": "z1"}], "Apples": [{"Id": "a1"}]}})";
    const MewsAnalysis analysis = WebhookDecoder().decode(body, "application/json");
    QCOMPARE(analysis.kind, WebhookKind::General);
    QStringList collections;
    for (const WebhookEntity &entity : analysis.entities)
        collections.append(entity.collection);
    QCOMPARE(collections, (QStringList{QStringLiteral("Resources"), QStringLiteral("Messages"),
                                       QStringLiteral("Zebras"), QStringLiteral("Apples")}));
    QStringList unknown;
    for (const ContractFinding &finding : analysis.findings) {
        if (finding.message.contains(QStringLiteral("is not known")))
            unknown.append(finding.path);
    }
    QCOMPARE(unknown,
             (QStringList{QStringLiteral("Entities.Zebras"), QStringLiteral("Entities.Apples")}));
}

QTEST_GUILESS_MAIN(TestGeneralWebhookReader)
#include "tst_generalwebhookreader.moc"
