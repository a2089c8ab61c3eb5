#include "detailtestdata.h"

#include "models/jsontreemodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace DetailTestData;

class TestJsonTreeModel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void passesModelTester_data();
    void passesModelTester();
    void everyPathLeadsBackToItsRow_data();
    void everyPathLeadsBackToItsRow();
    void findsAPathForAFinding_data();
    void findsAPathForAFinding();
    void missingMemberGivesTheNearestRow();
    void marksTheWorstFindingAtOrUnder();
    void masksSecretsUntilRevealed();
    void copyTextMasksSecretsInsideContainers();
    void buildsALenientTreeForInvalidJson_data();
    void buildsALenientTreeForInvalidJson();
    void scalarAndUnreadableBodies_data();
    void scalarAndUnreadableBodies();
    void numbersAreShownAsSent_data();
    void numbersAreShownAsSent();
    void showsControlCharactersAndCutsLongStrings();
    void resetClearsEverything();
};

void TestJsonTreeModel::passesModelTester_data() {
    QTest::addColumn<QString>("file");
    for (const QString &file : bodyFiles())
        QTest::newRow(qPrintable(file)) << file;
}

void TestJsonTreeModel::passesModelTester() {
    QFETCH(QString, file);
    const QByteArray body = TestSupport::readData(file);
    JsonTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setBody(JsonBody::read(body), decode(body).findings);
    QVERIFY(model.rowCount() > 0);
    // Walk everything once more after the tester, so every row has been created.
    const QModelIndexList all = allIndexes(model);
    QVERIFY(all.size() > model.rowCount());
    model.setSecretsRevealed(true);
    model.clear();
    QCOMPARE(model.rowCount(), 0);
}

void TestJsonTreeModel::everyPathLeadsBackToItsRow_data() {
    passesModelTester_data();
}

void TestJsonTreeModel::everyPathLeadsBackToItsRow() {
    QFETCH(QString, file);
    const QByteArray body = TestSupport::readData(file);
    const JsonBody json = JsonBody::read(body);
    JsonTreeModel model;
    model.setBody(json, FindingIndex());
    for (const QModelIndex &index : allIndexes(model)) {
        const QString path = index.data(JsonTreeModel::PathRole).toString();
        QVERIFY(!path.isEmpty());
        bool exact = false;
        QCOMPARE(model.indexForPath(path, &exact), index);
        QVERIFY(exact);
        // The row shows the value found at its path in the parsed body.
        const QJsonValue value = JsonPath::resolve(json.root, path);
        QCOMPARE(model.index(index.row(), JsonTreeModel::TypeColumn, index.parent())
                     .data()
                     .toString()
                     .isEmpty(),
                 false);
        QCOMPARE(
            index.data(JsonTreeModel::JsonTypeRole).toString(),
            model.index(index.row(), JsonTreeModel::TypeColumn, index.parent()).data().toString());
        QVERIFY(!value.isUndefined());
    }
}

void TestJsonTreeModel::findsAPathForAFinding_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("value");
    QTest::newRow("reservation start")
        << QStringLiteral("samples/general-ServiceOrderUpdated.json")
        << QStringLiteral("Entities.ServiceOrders[0].StartUtc") << QStringLiteral("StartUtc")
        << QStringLiteral("2025-04-18T14:00:00Z");
    const QJsonObject mixed =
        QJsonDocument::fromJson(TestSupport::readData(QStringLiteral("samples/general-mixed.json")))
            .object();
    QTest::newRow("event id") << QStringLiteral("samples/general-mixed.json")
                              << QStringLiteral("Events[2].Value.Id") << QStringLiteral("Id")
                              << JsonPath::resolve(mixed, u"Events[2].Value.Id").toString();
    QTest::newRow("element")
        << QStringLiteral("samples/general-mixed.json") << QStringLiteral("Events[1]")
        << QStringLiteral("[1]")
        << QString(QStringLiteral("{2 members} · Discriminator ") +
                   JsonPath::resolve(mixed, u"Events[1].Discriminator").toString());
    QTest::newRow("integration name")
        << QStringLiteral("samples/integration-IntegrationCreated.json")
        << QStringLiteral("Data.Integration.Name") << QStringLiteral("Name")
        << QStringLiteral("Aurora Housekeeping Sync");
}

void TestJsonTreeModel::findsAPathForAFinding() {
    QFETCH(QString, file);
    QFETCH(QString, path);
    QFETCH(QString, key);
    QFETCH(QString, value);
    JsonTreeModel model;
    model.setBody(JsonBody::read(TestSupport::readData(file)), FindingIndex());
    bool exact = false;
    const QModelIndex index = model.indexForPath(path, &exact);
    QVERIFY(index.isValid());
    QVERIFY(exact);
    QCOMPARE(index.data().toString(), key);
    QCOMPARE(index.siblingAtColumn(JsonTreeModel::ValueColumn).data().toString(), value);
    QCOMPARE(model.pathOf(index), path);
}

void TestJsonTreeModel::missingMemberGivesTheNearestRow() {
    const QByteArray body = mutated(QStringLiteral("samples/integration-IntegrationCreated.json"),
                                    QStringLiteral("Data.AccessToken"), QJsonValue::Undefined);
    JsonTreeModel model;
    model.setBody(JsonBody::read(body), decode(body).findings);
    bool exact = true;
    const QModelIndex index = model.indexForPath(QStringLiteral("Data.AccessToken"), &exact);
    QVERIFY(!exact);
    QCOMPARE(model.pathOf(index), QStringLiteral("Data"));
    // The missing required member makes its parent an error.
    QCOMPARE(index.data(JsonTreeModel::FindingSeverityRole), QVariant(int(FindingSeverity::Error)));
    QVERIFY(!model.indexForPath(QStringLiteral("Nope.Nothing"), &exact).isValid());
    QVERIFY(!model.indexForPath(QStringLiteral("Data[0"), &exact).isValid());
}

void TestJsonTreeModel::marksTheWorstFindingAtOrUnder() {
    const QString start = QStringLiteral("Entities.ServiceOrders[0].StartUtc");
    const QByteArray body = mutated(QStringLiteral("samples/general-ServiceOrderUpdated.json"),
                                    start, QStringLiteral("next Tuesday"));
    const MewsAnalysis analysis = decode(body);
    JsonTreeModel model;
    model.setBody(JsonBody::read(body), analysis.findings);
    const QVariant error{int(FindingSeverity::Error)};
    for (const QString &path :
         {start, QStringLiteral("Entities.ServiceOrders[0]"),
          QStringLiteral("Entities.ServiceOrders"), QStringLiteral("Entities")}) {
        QCOMPARE(model.indexForPath(path).data(JsonTreeModel::FindingSeverityRole), error);
    }
    QVERIFY(!model.indexForPath(QStringLiteral("Entities.ServiceOrders[0].EndUtc"))
                 .data(JsonTreeModel::FindingSeverityRole)
                 .isValid());
    QVERIFY(!model.indexForPath(QStringLiteral("EnterpriseId"))
                 .data(JsonTreeModel::FindingSeverityRole)
                 .isValid());
    // Only the rows the findings are about have findings of their own.
    QCOMPARE(model.indexForPath(start).data(JsonTreeModel::OwnFindingSeverityRole), error);
    QVERIFY(!model.indexForPath(QStringLiteral("Entities.ServiceOrders[0]"))
                 .data(JsonTreeModel::OwnFindingSeverityRole)
                 .isValid());
    QCOMPARE(
        model.indexForPath(QStringLiteral("Entities")).data(JsonTreeModel::OwnFindingSeverityRole),
        QVariant(int(FindingSeverity::Note))); // deprecated
    const QStringList messages =
        model.indexForPath(start).data(JsonTreeModel::FindingMessagesRole).toStringList();
    QCOMPARE(messages.size(), 1);
    QVERIFY(messages.first().contains(QStringLiteral("next Tuesday")));
    QVERIFY(model.indexForPath(start).data(Qt::ToolTipRole).toString().contains(messages.first()));
}

void TestJsonTreeModel::masksSecretsUntilRevealed() {
    const QByteArray body =
        TestSupport::readData(QStringLiteral("samples/integration-IntegrationCreated.json"));
    JsonTreeModel model;
    model.setBody(JsonBody::read(body), FindingIndex());
    const QModelIndex token = model.indexForPath(QStringLiteral("Data.AccessToken"))
                                  .siblingAtColumn(JsonTreeModel::ValueColumn);
    const QString secret =
        JsonPath::resolve(QJsonDocument::fromJson(body).object(), u"Data.AccessToken").toString();
    QVERIFY(token.data(JsonTreeModel::SecretRole).toBool());
    QCOMPARE(token.data().toString(), QString(8, QChar(0x2022)) + secret.right(4));
    QCOMPARE(token.data(JsonTreeModel::CopyTextRole).toString(), token.data().toString());
    QVERIFY(!model.indexForPath(QStringLiteral("Data.CreatedUtc"))
                 .data(JsonTreeModel::SecretRole)
                 .toBool());

    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    model.setSecretsRevealed(true);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.first().first().value<QModelIndex>(), token);
    QCOMPARE(token.data().toString(), secret);
    QCOMPARE(token.data(JsonTreeModel::CopyTextRole).toString(), secret);
    model.setSecretsRevealed(true);
    QCOMPARE(changed.size(), 1);
    model.setSecretsRevealed(false);
    QVERIFY(!token.data().toString().contains(secret));
}

void TestJsonTreeModel::copyTextMasksSecretsInsideContainers() {
    const QByteArray body =
        TestSupport::readData(QStringLiteral("samples/integration-IntegrationCreated.json"));
    const QString secret =
        JsonPath::resolve(QJsonDocument::fromJson(body).object(), u"Data.AccessToken").toString();
    JsonTreeModel model;
    model.setBody(JsonBody::read(body), FindingIndex());
    const QModelIndex data = model.indexForPath(QStringLiteral("Data"));
    const QString masked = data.data(JsonTreeModel::CopyTextRole).toString();
    QVERIFY(masked.contains(QStringLiteral("Hotel Aurora Lisboa")));
    QVERIFY(!masked.contains(secret));
    QVERIFY(masked.contains(secret.right(4)));
    model.setSecretsRevealed(true);
    const QString revealed = data.data(JsonTreeModel::CopyTextRole).toString();
    QVERIFY(revealed.contains(secret));
    QCOMPARE(QJsonDocument::fromJson(revealed.toUtf8()).object(),
             QJsonDocument::fromJson(body).object().value(QLatin1String("Data")).toObject());
}

void TestJsonTreeModel::buildsALenientTreeForInvalidJson_data() {
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("path");
    QTest::newRow("trailing comma") << QStringLiteral("malformed/trailing-comma-in-events.txt")
                                    << QStringLiteral("Events[1].Value.Id");
    QTest::newRow("key inside array")
        << QStringLiteral("malformed/resourceblocks-inside-messages-array.txt")
        << QStringLiteral("Entities.ResourceBlocks");
}

void TestJsonTreeModel::buildsALenientTreeForInvalidJson() {
    QFETCH(QString, file);
    QFETCH(QString, path);
    const QByteArray body = TestSupport::readData(file);
    QVERIFY(QJsonDocument::fromJson(body).isNull());
    const JsonBody json = JsonBody::read(body);
    QCOMPARE(json.form, JsonBody::Form::Lenient);
    QVERIFY(json.error.isValid());
    QCOMPARE(json.error.offset, decode(body).jsonError.offset);
    JsonTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setBody(json, decode(body).findings);
    QVERIFY(model.isLenient());
    QVERIFY(model.indexForPath(path).isValid());
}

void TestJsonTreeModel::scalarAndUnreadableBodies_data() {
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<int>("rows");
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("lenient");
    QTest::newRow("number") << QByteArray("42") << 1 << QStringLiteral("42") << false;
    QTest::newRow("string") << QByteArray("\"hi\"") << 1 << QStringLiteral("hi") << false;
    QTest::newRow("beyond a double")
        << QByteArray("1e400") << 1 << QStringLiteral("1e400") << false;
    QTest::newRow("beyond a double, negative")
        << QByteArray("-1e400") << 1 << QStringLiteral("-1e400") << false;
    QTest::newRow("empty") << QByteArray() << 0 << QStringLiteral("") << false;
    QTest::newRow("text") << QByteArray("plain text body\n") << 0 << QStringLiteral("") << false;
    QTest::newRow("broken from the start")
        << QByteArray(R"({"a":1 ])") << 1 << QStringLiteral("") << true;
    QTest::newRow("truncated") << QByteArray(R"({"Events":[{"Discriminator":"Cust)") << 1
                               << QStringLiteral("[1 item]") << true;
    QTest::newRow("empty object") << QByteArray("{}") << 0 << QStringLiteral("") << false;
}

void TestJsonTreeModel::scalarAndUnreadableBodies() {
    QFETCH(QByteArray, body);
    QFETCH(int, rows);
    QFETCH(QString, value);
    QFETCH(bool, lenient);
    JsonTreeModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setBody(JsonBody::read(body), FindingIndex());
    QCOMPARE(model.rowCount(), rows);
    QCOMPARE(model.isLenient(), lenient);
    if (rows == 0)
        return;
    const QModelIndex first = model.index(0, JsonTreeModel::ValueColumn);
    if (!value.isEmpty())
        QCOMPARE(first.data().toString(), value);
    if (!lenient) {
        bool exact = false;
        QCOMPARE(model.indexForPath(QString(), &exact), model.index(0, 0));
        QVERIFY(exact);
        QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("(body)"));
    }
}

void TestJsonTreeModel::numbersAreShownAsSent_data() {
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("value");
    QTest::newRow("beyond a double") << QStringLiteral("a") << QStringLiteral("1e400");
    QTest::newRow("in an array") << QStringLiteral("b[0]") << QStringLiteral("-1e400");
    QTest::newRow("spelled otherwise") << QStringLiteral("b[1]") << QStringLiteral("1.0");
    QTest::newRow("plain") << QStringLiteral("b[2]") << QStringLiteral("2");
}

// A body QJsonDocument refuses for its 1e400 is read by LenientJson, which keeps the text.
void TestJsonTreeModel::numbersAreShownAsSent() {
    QFETCH(QString, path);
    QFETCH(QString, value);
    JsonTreeModel model;
    model.setBody(JsonBody::read(R"({"a": 1e400, "b": [-1e400, 1.0, 2]})"), FindingIndex());
    QVERIFY(!model.isLenient());
    const QModelIndex row = model.indexForPath(path);
    QVERIFY(row.isValid());
    QCOMPARE(row.siblingAtColumn(JsonTreeModel::ValueColumn).data().toString(), value);
    QCOMPARE(row.data(JsonTreeModel::CopyTextRole).toString(), value);
}

void TestJsonTreeModel::showsControlCharactersAndCutsLongStrings() {
    const QByteArray longText(5000, 'x');
    const QByteArray body = R"({"a":"line1\nline2\t\u0001","b":")" + longText + R"("})";
    JsonTreeModel model;
    model.setBody(JsonBody::read(body), FindingIndex());
    QCOMPARE(model.indexForPath(QStringLiteral("a")).siblingAtColumn(1).data().toString(),
             QStringLiteral("line1\\nline2\\t\\u0001"));
    const QModelIndex b = model.indexForPath(QStringLiteral("b")).siblingAtColumn(1);
    QVERIFY(b.data().toString().size() < 1100);
    QVERIFY(b.data().toString().endsWith(QChar(0x2026)));
    QCOMPARE(b.data(JsonTreeModel::CopyTextRole).toString(), QString::fromLatin1(longText));
}

void TestJsonTreeModel::resetClearsEverything() {
    JsonTreeModel model;
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    model.setBody(
        JsonBody::read(TestSupport::readData(QStringLiteral("samples/general-mixed.json"))),
        FindingIndex());
    QCOMPARE(reset.size(), 1);
    QVERIFY(model.indexForPath(QStringLiteral("Events[0]")).isValid());
    model.clear();
    QCOMPARE(reset.size(), 2);
    QCOMPARE(model.rowCount(), 0);
    QVERIFY(!model.indexForPath(QStringLiteral("Events[0]")).isValid());
    QVERIFY(!model.body().isReadable());
}

QTEST_GUILESS_MAIN(TestJsonTreeModel)
#include "tst_jsontreemodel.moc"
