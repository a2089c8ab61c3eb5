#include "detailtestdata.h"

#include "models/findingsmodel.h"

#include <QAbstractItemModelTester>
#include <QSortFilterProxyModel>
#include <QTest>

using namespace DetailTestData;

class TestFindingsModel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void sortsWorstFirstKeepingDecoderOrder();
    void showsADecodedSample_data();
    void showsADecodedSample();
    void sortRoleGivesTheSameOrder();
    void passesModelTester();
};

void TestFindingsModel::sortsWorstFirstKeepingDecoderOrder() {
    const QList<ContractFinding> findings{
        {QStringLiteral("a"), FindingSeverity::Note, QStringLiteral("n1")},
        {QStringLiteral("b"), FindingSeverity::Error, QStringLiteral("e1")},
        {QString(), FindingSeverity::Warning, QStringLiteral("w1")},
        {QStringLiteral("c"), FindingSeverity::Error, QStringLiteral("e2")},
        {QStringLiteral("d"), FindingSeverity::Note, QStringLiteral("n2")},
    };
    FindingsModel model;
    model.setFindings(findings);
    QStringList messages;
    for (int row = 0; row < model.rowCount(); ++row)
        messages.append(model.index(row, FindingsModel::MessageColumn).data().toString());
    QCOMPARE(messages,
             QStringList({QStringLiteral("e1"), QStringLiteral("e2"), QStringLiteral("w1"),
                          QStringLiteral("n1"), QStringLiteral("n2")}));
    QCOMPARE(model.index(0, FindingsModel::SeverityColumn).data().toString(),
             QStringLiteral("Error"));
    QCOMPARE(model.index(2, FindingsModel::SeverityColumn).data().toString(),
             QStringLiteral("Warning"));
    QCOMPARE(model.index(4, FindingsModel::SeverityColumn).data().toString(),
             QStringLiteral("Note"));
    QCOMPARE(model.index(2, FindingsModel::PathColumn).data().toString(), QStringLiteral("(body)"));
    QCOMPARE(model.index(2, 0).data(FindingsModel::PathRole).toString(), QString());
    QCOMPARE(model.index(1, 0).data(FindingsModel::PathRole).toString(), QStringLiteral("c"));
    QCOMPARE(model.index(1, 0).data(FindingsModel::FindingSeverityRole).toInt(),
             int(FindingSeverity::Error));
    QCOMPARE(model.finding(3).message, QStringLiteral("n1"));
}

void TestFindingsModel::showsADecodedSample_data() {
    QTest::addColumn<QString>("path");
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<int>("severity");
    QTest::newRow("bad time") << QStringLiteral("Entities.ServiceOrders[0].StartUtc")
                              << QJsonValue(QStringLiteral("soon")) << int(FindingSeverity::Error);
    QTest::newRow("missing") << QStringLiteral("Entities.ServiceOrders[0].RateId") << QJsonValue()
                             << int(FindingSeverity::Error);
    QTest::newRow("bad enum") << QStringLiteral("Entities.ServiceOrders[0].State")
                              << QJsonValue(QStringLiteral("confirmed"))
                              << int(FindingSeverity::Warning);
}

void TestFindingsModel::showsADecodedSample() {
    QFETCH(QString, path);
    QFETCH(QJsonValue, value);
    QFETCH(int, severity);
    const QByteArray body =
        mutated(QStringLiteral("samples/general-ServiceOrderUpdated.json"), path,
                value.isNull() ? QJsonValue(QJsonValue::Undefined) : value);
    const MewsAnalysis analysis = decode(body);
    FindingsModel model;
    model.setFindings(analysis.findings);
    QCOMPARE(model.rowCount(), analysis.findings.size());
    int found = -1;
    for (int row = 0; row < model.rowCount(); ++row) {
        if (model.index(row, 0).data(FindingsModel::PathRole).toString() == path)
            found = row;
        if (row > 0)
            QVERIFY(model.finding(row - 1).severity >= model.finding(row).severity);
    }
    QVERIFY2(found >= 0, qPrintable(path));
    QCOMPARE(model.index(found, 0).data(FindingsModel::FindingSeverityRole).toInt(), severity);
    QCOMPARE(model.index(found, FindingsModel::PathColumn).data().toString(), path);
}

void TestFindingsModel::sortRoleGivesTheSameOrder() {
    const QByteArray body = TestSupport::readData(QStringLiteral("samples/general-mixed.json"));
    const MewsAnalysis analysis = decode(body);
    QVERIFY(analysis.findings.size() > 1);
    FindingsModel model;
    model.setFindings(analysis.findings);
    QSortFilterProxyModel proxy;
    proxy.setSourceModel(&model);
    proxy.setSortRole(FindingsModel::SortRole);
    proxy.sort(0, Qt::DescendingOrder);
    for (int row = 0; row < model.rowCount(); ++row)
        QCOMPARE(proxy.index(row, FindingsModel::MessageColumn).data(),
                 model.index(row, FindingsModel::MessageColumn).data());
}

void TestFindingsModel::passesModelTester() {
    FindingsModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const QByteArray body = TestSupport::readData(QStringLiteral("samples/general-mixed.json"));
    model.setFindings(decode(body).findings);
    model.clear();
    QCOMPARE(model.rowCount(), 0);
}

QTEST_GUILESS_MAIN(TestFindingsModel)
#include "tst_findingsmodel.moc"
