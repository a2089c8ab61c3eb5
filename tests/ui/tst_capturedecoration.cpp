#include "../models/modeltestdata.h"

#include "icons.h"
#include "models/capturefilterproxy.h"
#include "models/capturetablemodel.h"
#include "panes/captures/capturedecoration.h"
#include "session/capturestore.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QColor>
#include <QIcon>
#include <QTest>

using namespace ModelTestData;

class TestCaptureDecoration : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void marksStatesWithIconsAndRowsWithTint_data();
    void marksStatesWithIconsAndRowsWithTint();
    void followsInsertsWhileFiltered();
    void tooltipsArePlainText();
};

void TestCaptureDecoration::marksStatesWithIconsAndRowsWithTint_data() {
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("reject");
    QTest::addColumn<int>("state");
    QTest::addColumn<bool>("tinted");
    QTest::newRow("ok") << TestSupport::readData(QStringLiteral("samples/general-mixed.json"))
                        << false << int(ContractState::Notes) << false;
    QTest::newRow("integration") << TestSupport::readData(QStringLiteral(
                                        "samples/integration-IntegrationEnabled.json"))
                                 << false << -2 << false;
    QTest::newRow("invalid JSON") << TestSupport::readData(
                                         QStringLiteral("malformed/trailing-comma-in-events.txt"))
                                  << false << int(ContractState::InvalidJson) << true;
    QTest::newRow("rejected") << QByteArray() << true << int(ContractState::Rejected) << true;
}

void TestCaptureDecoration::marksStatesWithIconsAndRowsWithTint() {
    QFETCH(QByteArray, body);
    QFETCH(bool, reject);
    QFETCH(int, state);
    QFETCH(bool, tinted);
    CaptureStore store;
    CaptureTableModel model(&store);
    CaptureFilterProxy proxy(&model);
    CaptureDecoration decoration;
    decoration.setSourceModel(&proxy);
    QAbstractItemModelTester tester(&decoration,
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    store.append(
        analysed({reject ? rejected(1, QStringLiteral("401: no token")) : webhook(body, 1)}));
    QCOMPARE(decoration.rowCount(), 1);
    const QModelIndex stateCell = decoration.index(0, CaptureTableModel::StateColumn);
    const int actual = stateCell.data(CaptureTableModel::StateRole).toInt();
    if (state != -2)
        QCOMPARE(actual, state);
    const QIcon icon = stateCell.data(Qt::DecorationRole).value<QIcon>();
    QVERIFY(!icon.isNull());
    QCOMPARE(icon.cacheKey(), Icons::forState(ContractState(actual)).cacheKey());
    const QModelIndex number = decoration.index(0, CaptureTableModel::NumberColumn);
    QCOMPARE(number.data(Qt::DecorationRole).isValid(), tinted); // icon AND colour
    QCOMPARE(number.data(Qt::BackgroundRole).isValid(), tinted);
    QCOMPARE(decoration.index(0, CaptureTableModel::PathColumn).data(Qt::BackgroundRole).isValid(),
             tinted);
    if (tinted) {
        const QColor tint = number.data(Qt::BackgroundRole).value<QColor>();
        QVERIFY(tint.isValid());
        QVERIFY(tint != QApplication::palette().color(QPalette::Base));
    }
}

void TestCaptureDecoration::followsInsertsWhileFiltered() {
    CaptureStore store;
    CaptureTableModel model(&store);
    CaptureFilterProxy proxy(&model);
    CaptureDecoration decoration;
    decoration.setSourceModel(&proxy);
    QAbstractItemModelTester tester(&decoration,
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.setStates({ContractState::InvalidJson, ContractState::Rejected});
    QList<Capture> batch = mixedCaptures();
    store.append(analysed(batch));
    qsizetype expected = 0;
    for (qsizetype i = 0; i < store.size(); ++i)
        expected += store.row(i).state == ContractState::InvalidJson ||
                    store.row(i).state == ContractState::Rejected;
    QCOMPARE(decoration.rowCount(), int(expected));
    for (int row = 0; row < decoration.rowCount(); ++row)
        QVERIFY(decoration.index(row, 0).data(Qt::BackgroundRole).isValid());
    proxy.sort(CaptureTableModel::SizeColumn, Qt::DescendingOrder);
    store.append(analysed({rejected(100, QStringLiteral("413: too big"))},
                          store.row(store.size() - 1).id + 1));
    QCOMPARE(decoration.rowCount(), int(expected) + 1);
    proxy.setFilter(CaptureFilter());
    QCOMPARE(decoration.rowCount(), int(store.size()));
}

void TestCaptureDecoration::tooltipsArePlainText() {
    CaptureStore store;
    CaptureTableModel model(&store);
    CaptureDecoration decoration;
    decoration.setSourceModel(&model);
    Capture capture = rejected(1, QStringLiteral("<b>not bold</b> & <i>not italic</i>"));
    store.append(analysed({capture}));
    const QString tip =
        decoration.index(0, CaptureTableModel::StateColumn).data(Qt::ToolTipRole).toString();
    QVERIFY2(tip.contains(QLatin1String("&lt;b&gt;not")), qPrintable(tip));
    QVERIFY(tip.contains(QLatin1String("bold&lt;/b&gt;")));
    QVERIFY(!tip.contains(QLatin1String("<b>")));
}

QTEST_MAIN(TestCaptureDecoration)
#include "tst_capturedecoration.moc"
