#include "detailtestdata.h"

#include "models/entityformmodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace DetailTestData;

namespace {

struct Decoded {
    JsonBody json;
    MewsAnalysis analysis;
};

Decoded read(const QByteArray &body) {
    return {JsonBody::read(body), decode(body)};
}

QStringList column(const EntityFormModel &model, int column, const QModelIndex &parent = {}) {
    QStringList texts;
    for (int row = 0; row < model.rowCount(parent); ++row)
        texts.append(model.index(row, column, parent).data().toString());
    return texts;
}

QModelIndex rowNamed(const EntityFormModel &model, const QString &name,
                     const QModelIndex &parent = {}) {
    for (int row = 0; row < model.rowCount(parent); ++row) {
        const QModelIndex index = model.index(row, 0, parent);
        if (index.data(EntityFormModel::FieldNameRole).toString() == name)
            return index;
    }
    return {};
}

} // namespace

class TestEntityFormModel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void integrationDataInSchemaOrder();
    void marksABrokenField_data();
    void marksABrokenField();
    void unknownThenMissingFieldsComeLast();
    void currentFormEventSaysOnlyTheIdIsSent_data();
    void currentFormEventSaysOnlyTheIdIsSent();
    void legacyEventShowsTheEmbeddedEntity();
    void referencesBecomeLinksForKnownIds();
    void nestedObjectsAndListsAreChildren();
    void lenientBodyStillGivesAForm();
    void passesModelTester_data();
    void passesModelTester();
};

void TestEntityFormModel::integrationDataInSchemaOrder() {
    const QByteArray body =
        TestSupport::readData(QStringLiteral("samples/integration-IntegrationCreated.json"));
    const Decoded d = read(body);
    const EntityForm form = EntityForm::forIntegration(d.json.root, d.analysis);
    QCOMPARE(form.subject, EntityForm::Subject::IntegrationData);
    QCOMPARE(form.typeName, QStringLiteral("IntegrationCreatedData"));
    QCOMPARE(form.path, QStringLiteral("Data"));
    QVERIFY(form.notice.startsWith(QStringLiteral("IntegrationCreated: ")));
    EntityFormModel model;
    model.setForm(form, d.analysis.findings);

    // Labels come from the contract, in its order (IntegrationCreatedData's fields).
    QStringList expected;
    for (const FieldDescriptor &field :
         ContractSchema::instance().fieldsOf(u"IntegrationCreatedData"))
        expected.append(field.label);
    QCOMPARE(column(model, EntityFormModel::LabelColumn), expected);
    QStringList names;
    for (int row = 0; row < model.rowCount(); ++row)
        names.append(model.index(row, 0).data(EntityFormModel::FieldNameRole).toString());
    QCOMPARE(names, QStringList({QStringLiteral("Enterprise"), QStringLiteral("Service"),
                                 QStringLiteral("Requestor"), QStringLiteral("AccessToken"),
                                 QStringLiteral("CreatedUtc"), QStringLiteral("IsEnabled"),
                                 QStringLiteral("Integration")}));

    const QModelIndex token = rowNamed(model, QStringLiteral("AccessToken"));
    const QString secret = JsonPath::resolve(d.json.root, u"Data.AccessToken").toString();
    const QModelIndex tokenValue = token.siblingAtColumn(EntityFormModel::ValueColumn);
    QVERIFY(token.data(EntityFormModel::SecretRole).toBool());
    QCOMPARE(tokenValue.data().toString(), QString(8, QChar(0x2022)) + secret.right(4));
    QCOMPARE(tokenValue.data(EntityFormModel::CopyTextRole).toString(),
             tokenValue.data().toString());
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setSecretsRevealed(true);
    QVERIFY(!changed.isEmpty());
    QCOMPARE(tokenValue.data().toString(), secret);

    const QModelIndex created = rowNamed(model, QStringLiteral("CreatedUtc"));
    QCOMPARE(created.siblingAtColumn(EntityFormModel::ValueColumn).data().toString(),
             QStringLiteral("2025-03-14T09:26:41Z"));
    QCOMPARE(created.siblingAtColumn(EntityFormModel::TypeColumn).data().toString(),
             ContractSchema::instance().field(u"IntegrationCreatedData", u"CreatedUtc")->typeLabel);
    QVERIFY(!created.data(EntityFormModel::DescriptionRole).toString().isEmpty());
    QVERIFY(created.data(Qt::ToolTipRole)
                .toString()
                .contains(created.data(EntityFormModel::DescriptionRole).toString()));
    QVERIFY(!created.data(EntityFormModel::FindingSeverityRole).isValid());
    QCOMPARE(model.indexForPath(QStringLiteral("Data.CreatedUtc")), created);
}

void TestEntityFormModel::marksABrokenField_data() {
    QTest::addColumn<QString>("field");
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<int>("severity");
    QTest::newRow("time") << QStringLiteral("CreatedUtc")
                          << QJsonValue(QStringLiteral("14/03/2025"))
                          << int(FindingSeverity::Error);
    QTest::newRow("type") << QStringLiteral("IsEnabled") << QJsonValue(QStringLiteral("yes"))
                          << int(FindingSeverity::Error);
    QTest::newRow("null") << QStringLiteral("AccessToken") << QJsonValue(QJsonValue::Null)
                          << int(FindingSeverity::Error);
}

void TestEntityFormModel::marksABrokenField() {
    QFETCH(QString, field);
    QFETCH(QJsonValue, value);
    QFETCH(int, severity);
    const QByteArray body = mutated(QStringLiteral("samples/integration-IntegrationCreated.json"),
                                    QStringLiteral("Data.") + field, value);
    const Decoded d = read(body);
    EntityFormModel model;
    model.setForm(EntityForm::forIntegration(d.json.root, d.analysis), d.analysis.findings);
    const QModelIndex row = rowNamed(model, field);
    QVERIFY(row.isValid());
    QCOMPARE(row.data(EntityFormModel::FindingSeverityRole), QVariant(severity));
    QVERIFY(!row.data(EntityFormModel::FindingMessagesRole).toStringList().isEmpty());
    // Only that field is marked.
    for (int r = 0; r < model.rowCount(); ++r) {
        if (r != row.row())
            QVERIFY(!model.index(r, 0).data(EntityFormModel::FindingSeverityRole).isValid());
    }
}

void TestEntityFormModel::unknownThenMissingFieldsComeLast() {
    QByteArray body = mutated(QStringLiteral("samples/integration-IntegrationCreated.json"),
                              QStringLiteral("Data.IsEnabled"), QJsonValue::Undefined);
    body = QJsonDocument::fromJson(body).toJson();
    QJsonObject root = QJsonDocument::fromJson(body).object();
    QJsonObject data = root.value(QLatin1String("Data")).toObject();
    data.remove(QLatin1String("Service"));
    data.insert(QLatin1String("Color"), QStringLiteral("teal"));
    root.insert(QLatin1String("Data"), data);
    const Decoded d = read(QJsonDocument(root).toJson());
    EntityFormModel model;
    model.setForm(EntityForm::forIntegration(d.json.root, d.analysis), d.analysis.findings);
    QStringList names;
    QList<int> statuses;
    for (int row = 0; row < model.rowCount(); ++row) {
        names.append(model.index(row, 0).data(EntityFormModel::FieldNameRole).toString());
        statuses.append(model.index(row, 0).data(EntityFormModel::StatusRole).toInt());
    }
    QCOMPARE(names, QStringList({QStringLiteral("Enterprise"), QStringLiteral("Requestor"),
                                 QStringLiteral("AccessToken"), QStringLiteral("CreatedUtc"),
                                 QStringLiteral("Integration"), QStringLiteral("Color"),
                                 QStringLiteral("Service"), QStringLiteral("IsEnabled")}));
    using Status = EntityFormField::Status;
    QCOMPARE(statuses.at(5), int(Status::NotKnown));
    QCOMPARE(statuses.at(6), int(Status::NotSent));
    QCOMPARE(statuses.at(7), int(Status::Missing));
    QCOMPARE(model.index(5, EntityFormModel::ValueColumn).data().toString(),
             QStringLiteral("teal"));
    QVERIFY(model.index(5, EntityFormModel::TypeColumn)
                .data()
                .toString()
                .contains(QStringLiteral("not known to this version")));
    QCOMPARE(model.index(5, 0).data(EntityFormModel::FindingSeverityRole),
             QVariant(int(FindingSeverity::Note)));
    QCOMPARE(model.index(6, EntityFormModel::ValueColumn).data().toString(),
             QStringLiteral("not sent"));
    QVERIFY(!model.index(6, 0).data(EntityFormModel::FindingSeverityRole).isValid());
    QCOMPARE(model.index(7, EntityFormModel::ValueColumn).data().toString(),
             QStringLiteral("missing"));
    QVERIFY(model.index(7, 0).data(EntityFormModel::RequiredRole).toBool());
    QCOMPARE(model.index(7, 0).data(EntityFormModel::FindingSeverityRole),
             QVariant(int(FindingSeverity::Error)));
}

void TestEntityFormModel::currentFormEventSaysOnlyTheIdIsSent_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("event");
    QTest::addColumn<QString>("entity");
    QTest::newRow("customer") << QStringLiteral("samples/general-CustomerAdded.json") << 0
                              << QStringLiteral("Customer");
    QTest::newRow("payment") << QStringLiteral("samples/general-PaymentUpdated.json") << 0
                             << QStringLiteral("Payment");
    QTest::newRow("reservation") << QStringLiteral("samples/general-current-format.json") << 0
                                 << QStringLiteral("Reservation");
}

void TestEntityFormModel::currentFormEventSaysOnlyTheIdIsSent() {
    QFETCH(QString, file);
    QFETCH(int, event);
    QFETCH(QString, entity);
    const Decoded d = read(TestSupport::readData(file));
    QCOMPARE(d.analysis.events.at(event).discriminator.isEmpty(), false);
    const EntityForm form = EntityForm::forEvent(d.json.root, d.analysis, event);
    const EnumValue *info =
        ContractSchema::instance().event(d.analysis.events.at(event).discriminator);
    QVERIFY(info);
    QCOMPARE(info->entity, entity);
    QVERIFY(form.idOnly);
    QCOMPARE(form.entityType, entity);
    QCOMPARE(form.entityId, d.analysis.events.at(event).entityId);
    QCOMPARE(form.notice, QStringLiteral("Mews sends only the Id of this %1; fetch it with %2.")
                              .arg(entity, info->fetch));
    EntityFormModel model;
    model.setForm(form, d.analysis.findings);
    QCOMPARE(model.rowCount(), 1);
    const QModelIndex id = model.index(0, 0);
    QCOMPARE(id.data(EntityFormModel::FieldNameRole).toString(), QStringLiteral("Id"));
    QCOMPARE(id.data(EntityFormModel::RefersToRole).toString(), entity);
    QCOMPARE(id.data(EntityFormModel::ReferencedIdRole).toString(), form.entityId);
    QCOMPARE(model.referencedIds(), (QList<std::pair<QString, QString>>{{form.entityId, entity}}));
}

void TestEntityFormModel::legacyEventShowsTheEmbeddedEntity() {
    const Decoded d =
        read(TestSupport::readData(QStringLiteral("samples/general-ServiceOrderUpdated.json")));
    QVERIFY(d.analysis.events.at(1).entityIncluded());
    const EntityForm form = EntityForm::forEvent(d.json.root, d.analysis, 1);
    QVERIFY(!form.idOnly);
    QCOMPARE(form.eventIndex, 1);
    QCOMPARE(form.typeName, QStringLiteral("Reservation"));
    QCOMPARE(form.path, d.analysis.entities.at(d.analysis.events.at(1).entityIndex).path);
    QCOMPARE(form.entityId, d.analysis.events.at(1).entityId);
    QVERIFY(form.notice.contains(form.path));
    const EntityForm same =
        EntityForm::forEntity(d.json.root, d.analysis, d.analysis.events.at(1).entityIndex);
    QCOMPARE(same.path, form.path);
    QCOMPARE(same.fields.size(), form.fields.size());

    EntityFormModel model;
    model.setForm(form, d.analysis.findings);
    // Documented fields first, in the contract's order.
    const QList<FieldDescriptor> documented = ContractSchema::instance().fieldsOf(u"Reservation");
    QStringList order;
    for (const FieldDescriptor &field : documented)
        order.append(field.name);
    qsizetype last = -1;
    for (int row = 0; row < model.rowCount(); ++row) {
        const QModelIndex index = model.index(row, 0);
        if (index.data(EntityFormModel::StatusRole).toInt() != int(EntityFormField::Status::Sent))
            break;
        const qsizetype at = order.indexOf(index.data(EntityFormModel::FieldNameRole).toString());
        QVERIFY(at > last);
        last = at;
    }
    QCOMPARE(rowNamed(model, QStringLiteral("AssignedResourceId"))
                 .data(EntityFormModel::RefersToRole)
                 .toString(),
             QStringLiteral("Resource"));
}

void TestEntityFormModel::referencesBecomeLinksForKnownIds() {
    const Decoded d = read(TestSupport::readData(QStringLiteral("samples/general-mixed.json")));
    int withResource = -1;
    for (int i = 0; i < d.analysis.entities.size(); ++i) {
        if (d.analysis.entities.at(i).collection == QLatin1String("ServiceOrders") &&
            JsonPath::resolve(d.json.root, QString(d.analysis.entities.at(i).path +
                                                   QStringLiteral(".AssignedResourceId")))
                .isString())
            withResource = i;
    }
    QVERIFY(withResource >= 0);
    EntityFormModel model;
    model.setForm(EntityForm::forEntity(d.json.root, d.analysis, withResource), FindingIndex());
    const QModelIndex assigned = rowNamed(model, QStringLiteral("AssignedResourceId"));
    const QString id = assigned.data(EntityFormModel::ReferencedIdRole).toString();
    QVERIFY(!id.isEmpty());
    bool listed = false;
    for (const auto &[refId, type] : model.referencedIds())
        listed = listed || (refId == id && type == QLatin1String("Resource"));
    QVERIFY(listed);
    QVERIFY(!assigned.data(EntityFormModel::LinkRole).toBool());
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setLinkedIds({id});
    QVERIFY(!changed.isEmpty());
    QVERIFY(assigned.data(EntityFormModel::LinkRole).toBool());
    QVERIFY(!rowNamed(model, QStringLiteral("RateId")).data(EntityFormModel::LinkRole).toBool());
}

void TestEntityFormModel::nestedObjectsAndListsAreChildren() {
    const Decoded d =
        read(TestSupport::readData(QStringLiteral("samples/general-ServiceOrderUpdated.json")));
    int withCounts = -1;
    for (int i = 0; i < d.analysis.entities.size(); ++i) {
        if (JsonPath::resolve(d.json.root, QString(d.analysis.entities.at(i).path +
                                                   QStringLiteral(".PersonCounts")))
                .isArray())
            withCounts = i;
    }
    QVERIFY(withCounts >= 0);
    EntityFormModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setForm(EntityForm::forEntity(d.json.root, d.analysis, withCounts), FindingIndex());
    const QModelIndex counts = rowNamed(model, QStringLiteral("PersonCounts"));
    QVERIFY(model.rowCount(counts) > 0);
    const QModelIndex first = model.index(0, 0, counts);
    QCOMPARE(first.data().toString(), QStringLiteral("#1"));
    QCOMPARE(column(model, EntityFormModel::LabelColumn, first).size(), 2);
    QCOMPARE(rowNamed(model, QStringLiteral("AgeCategoryId"), first)
                 .data(EntityFormModel::RefersToRole)
                 .toString(),
             QStringLiteral("AgeCategory"));
    QCOMPARE(model.parent(first), counts);
}

void TestEntityFormModel::lenientBodyStillGivesAForm() {
    const Decoded d = read(TestSupport::readData(
        QStringLiteral("malformed/resourceblocks-inside-messages-array.txt")));
    QVERIFY(d.json.isLenient());
    QVERIFY(d.analysis.lenient);
    QVERIFY(!d.analysis.entities.isEmpty());
    for (int i = 0; i < d.analysis.entities.size(); ++i) {
        const EntityForm form = EntityForm::forEntity(d.json.root, d.analysis, i);
        QCOMPARE(form.subject, EntityForm::Subject::Entity);
        QVERIFY(!form.fields.isEmpty());
    }
}

void TestEntityFormModel::passesModelTester_data() {
    QTest::addColumn<QString>("file");
    for (const QString &file : bodyFiles())
        QTest::newRow(qPrintable(file)) << file;
}

void TestEntityFormModel::passesModelTester() {
    QFETCH(QString, file);
    const Decoded d = read(TestSupport::readData(file));
    EntityFormModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QList<EntityForm> forms;
    if (d.analysis.kind == WebhookKind::Integration)
        forms.append(EntityForm::forIntegration(d.json.root, d.analysis));
    for (int i = 0; i < d.analysis.events.size(); ++i)
        forms.append(EntityForm::forEvent(d.json.root, d.analysis, i));
    for (int i = 0; i < d.analysis.entities.size(); ++i)
        forms.append(EntityForm::forEntity(d.json.root, d.analysis, i));
    QVERIFY(!forms.isEmpty() || d.analysis.kind == WebhookKind::InvalidJson);
    for (const EntityForm &form : std::as_const(forms)) {
        model.setForm(form, d.analysis.findings);
        QVERIFY(model.rowCount() > 0);
        QVERIFY(!form.notice.isEmpty());
        model.setLinkedIds({form.entityId});
        model.setSecretsRevealed(!model.secretsRevealed());
    }
    model.clear();
    QCOMPARE(model.rowCount(), 0);
}

QTEST_GUILESS_MAIN(TestEntityFormModel)
#include "tst_entityformmodel.moc"
