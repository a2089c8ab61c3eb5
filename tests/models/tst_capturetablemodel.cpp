#include "modeltestdata.h"

#include "models/capturetablemodel.h"
#include "models/capturetext.h"
#include "session/sessioncolumns.h"

#include <QAbstractItemModelTester>
#include <QDateTime>
#include <QLocale>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace ModelTestData;
using Model = CaptureTableModel;

class TestCaptureTableModel : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void dataSize_data();
    void dataSize();
    void shortId();
    void oneInsertPerStoreBatch();
    void cellsSayWhatTheCaptureIs();
    void rolesCarryRawValues();
    void noResponseIsNotStatusZero_data();
    void noResponseIsNotStatusZero();
    void tokenNeverShown();
    void reanalysedRowsChange();
    void resetAndClear();
    void headers();
    void repeatedDeliveriesAreMarked();

private:
    QList<AnalysedCapture> m_captures;
};

void TestCaptureTableModel::initTestCase() {
    QLocale::setDefault(QLocale::c());
    m_captures = analysed(mixedCaptures());
}

void TestCaptureTableModel::dataSize_data() {
    QTest::addColumn<qint64>("bytes");
    QTest::addColumn<QString>("text");
    QTest::newRow("empty") << qint64(0) << QStringLiteral("0 B");
    QTest::newRow("bytes") << qint64(1023) << QStringLiteral("1023 B");
    QTest::newRow("one KB") << qint64(1024) << QStringLiteral("1.0 KB");
    QTest::newRow("1.6 KB") << qint64(1638) << QStringLiteral("1.6 KB");
    QTest::newRow("rounds to next unit") << qint64(1048575) << QStringLiteral("1.0 MB");
    QTest::newRow("MB") << qint64(5 * 1048576 + 524288) << QStringLiteral("5.5 MB");
    QTest::newRow("GB") << qint64(3) * 1024 * 1024 * 1024 << QStringLiteral("3.0 GB");
    QTest::newRow("saturated index size") << qint64(0xffffffff) << QStringLiteral("4.0 GB");
}

void TestCaptureTableModel::dataSize() {
    QFETCH(qint64, bytes);
    QFETCH(QString, text);
    QCOMPARE(CaptureText::dataSize(bytes), text);
}

void TestCaptureTableModel::shortId() {
    QCOMPARE(CaptureText::shortId(QStringLiteral("851df8c8-0000-4000-8000-000000000001")),
             QStringLiteral("851df8c8…"));
    QCOMPARE(CaptureText::shortId(QStringLiteral("abc")), QStringLiteral("abc"));
    QCOMPARE(CaptureText::shortId(QString()), QString());
}

void TestCaptureTableModel::oneInsertPerStoreBatch() {
    CaptureStore store;
    Model model(&store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QCOMPARE(model.rowCount(), 0);
    qsizetype at = 0;
    for (int batch : {1, 5, 3, int(m_captures.size()) - 9}) {
        store.append(m_captures.mid(at, batch));
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(inserted.at(0).at(1).toInt(), int(at));
        QCOMPARE(inserted.at(0).at(2).toInt(), int(at + batch - 1));
        inserted.clear();
        at += batch;
        QCOMPARE(model.rowCount(), int(at));
    }
    QCOMPARE(model.columnCount(), int(Model::ColumnCount));
}

void TestCaptureTableModel::cellsSayWhatTheCaptureIs() {
    CaptureStore store;
    store.append(m_captures);
    Model model(&store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), int(m_captures.size()));

    // Enterprise names any capture of the session gave, by id.
    QHash<QString, QString> names;
    for (const AnalysedCapture &c : std::as_const(m_captures)) {
        if (!c.analysis.enterpriseName.isEmpty())
            names.insert(c.analysis.enterpriseId, c.analysis.enterpriseName);
    }
    for (int row = 0; row < model.rowCount(); ++row) {
        const AnalysedCapture &c = m_captures.at(row);
        const MewsAnalysis &a = c.analysis;
        const auto text = [&](int column) {
            return model.index(row, column).data().toString();
        };
        QCOMPARE(text(Model::NumberColumn), QString::number(c.capture.id));
        QCOMPARE(text(Model::TimeColumn),
                 QDateTime::fromMSecsSinceEpoch(c.capture.firstByteUtcMs, Qt::LocalTime)
                     .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz")));
        QCOMPARE(model.index(row, Model::TimeColumn).data(Qt::ToolTipRole).toString(),
                 SessionColumns::isoUtc(c.capture.firstByteUtcMs));
        QCOMPARE(text(Model::MethodColumn), QString::fromUtf8(c.capture.method));
        QCOMPARE(text(Model::PathColumn), QStringLiteral("/webhook"));
        QCOMPARE(text(Model::KindColumn), webhookKindName(a.kind));
        // Without an action or events, the cell says what the capture is instead.
        const QString what = !a.eventsSummary().isEmpty() ? a.eventsSummary()
                             : c.capture.isRejected()
                                 ? QStringLiteral("Rejected: ") + c.capture.rejection
                                 : a.summary();
        QVERIFY(!what.isEmpty());
        QCOMPARE(text(Model::EventsColumn), what);
        QCOMPARE(model.index(row, Model::EventsColumn).data(Qt::ToolTipRole).toString(), what);
        const QString enterprise = a.enterpriseId.isEmpty() ? QString()
                                   : names.contains(a.enterpriseId)
                                       ? names.value(a.enterpriseId)
                                       : a.enterpriseId.left(8) + QStringLiteral("…");
        QCOMPARE(text(Model::EnterpriseColumn), enterprise);
        QCOMPARE(text(Model::EventCountColumn),
                 a.kind == WebhookKind::General || !a.events.isEmpty()
                     ? QString::number(a.events.size())
                     : QString());
        QCOMPARE(text(Model::StatusColumn), QString::number(c.capture.response.status));
        QCOMPARE(text(Model::SizeColumn), CaptureText::dataSize(c.capture.body.size()));
        const ContractState state =
            c.capture.isRejected() ? ContractState::Rejected : a.contractState();
        QCOMPARE(text(Model::StateColumn), CaptureText::stateName(state));
        if (c.capture.isRejected()) {
            QVERIFY(model.index(row, Model::StateColumn)
                        .data(Qt::ToolTipRole)
                        .toString()
                        .contains(c.capture.rejection));
            QVERIFY(model.index(row, 0).data(Model::RejectedRole).toBool());
        }
    }
    // The mixed sample names its events in order of first appearance, with counts.
    const int mixed = int(sampleFiles().indexOf(QStringLiteral("samples/general-mixed.json")));
    QCOMPARE(model.index(mixed, Model::EventsColumn).data().toString(),
             QStringLiteral("ServiceOrderUpdated ×2, ResourceUpdated, MessageAdded, "
                            "ResourceBlockUpdated, CustomerAdded, CustomerUpdated ×2, "
                            "PaymentUpdated"));
}

void TestCaptureTableModel::rolesCarryRawValues() {
    CaptureStore store;
    store.append(m_captures);
    Model model(&store);
    for (int row = 0; row < model.rowCount(); ++row) {
        const AnalysedCapture &c = m_captures.at(row);
        const auto sortValue = [&](int column) {
            return model.index(row, column).data(Model::SortRole);
        };
        QCOMPARE(sortValue(Model::NumberColumn).toLongLong(), c.capture.id);
        QCOMPARE(sortValue(Model::TimeColumn).toLongLong(), c.capture.firstByteUtcMs);
        QCOMPARE(sortValue(Model::SizeColumn).toLongLong(), qint64(c.capture.body.size()));
        QCOMPARE(sortValue(Model::StatusColumn).toInt(), c.capture.response.status);
        QCOMPARE(sortValue(Model::KindColumn).toInt(), int(c.analysis.kind));
        const QModelIndex cell = model.index(row, 0);
        QCOMPARE(cell.data(Model::IdRole).toLongLong(), c.capture.id);
        QCOMPARE(cell.data(Model::PositionRole).toLongLong(), qint64(row));
        QCOMPARE(cell.data(Model::KindRole).toInt(), int(c.analysis.kind));
        QCOMPARE(cell.data(Model::AnalysedRole).toBool(), true);
        QCOMPARE(cell.data(Model::EnterpriseIdRole).toString(), c.analysis.enterpriseId);
        QCOMPARE(cell.data(Model::IntegrationIdRole).toString(), c.analysis.integrationId);
        QCOMPARE(cell.data(Model::ReceivedUtcMsRole).toLongLong(), c.capture.firstByteUtcMs);
        QCOMPARE(
            cell.data(Model::StateRole).toInt(),
            int(c.capture.isRejected() ? ContractState::Rejected : c.analysis.contractState()));
    }
    // A capture not analysed yet says so, and has neither kind nor state.
    AnalysedCapture pending = m_captures.first();
    pending.capture.id = m_captures.size() + 1;
    pending.analysed = false;
    store.append({pending});
    const int last = model.rowCount() - 1;
    QCOMPARE(model.index(last, Model::KindColumn).data().toString(),
             CaptureText::notAnalysedName());
    QCOMPARE(model.index(last, 0).data(Model::KindRole).toInt(), CaptureText::NotAnalysed);
    QCOMPARE(model.index(last, 0).data(Model::StateRole).toInt(), CaptureText::NotAnalysed);
    QCOMPARE(model.index(last, 0).data(Model::AnalysedRole).toBool(), false);
    QVERIFY(!model.index(last + 1, 0).data().isValid());
}

void TestCaptureTableModel::noResponseIsNotStatusZero_data() {
    QTest::addColumn<Capture>("capture");
    QTest::addColumn<QString>("shown");
    QTest::addColumn<QString>("toolTip");
    const Capture answered = webhook("{}", 1);
    QTest::newRow("answered") << answered << QStringLiteral("200") << QString();
    // Chrome records a request that got no response with status 0 and a time.
    Capture imported = webhook("{}", 2);
    imported.origin = CaptureOrigin::HarImport;
    imported.response = {0, {}, {}, imported.completeUtcMs + 30};
    QTest::newRow("HAR entry without a response")
        << imported << QString(QChar(0x2014))
        << QStringLiteral("No response recorded in the HAR file");
    Capture cut = webhook("{}", 3);
    cut.rejection = QStringLiteral("the client closed the connection before the request was "
                                   "complete");
    cut.response = {};
    QTest::newRow("cut short by the client")
        << cut << QString(QChar(0x2014)) << QStringLiteral("No response was sent");
    // As a salvage rebuilds a capture whose row was lost: a response went out, which is lost.
    Capture rebuilt = webhook("{}", 4);
    rebuilt.remoteAddress.clear();
    rebuilt.response.status = 0;
    QTest::newRow("rebuilt by a salvage")
        << rebuilt << QStringLiteral("?")
        << QStringLiteral("Unknown (a salvage rebuilt this capture from its stored request)");
}

// HAR writes status 0 for "no response"; the table says there was none, live and opened.
void TestCaptureTableModel::noResponseIsNotStatusZero() {
    QFETCH(Capture, capture);
    QFETCH(QString, shown);
    QFETCH(QString, toolTip);
    capture.id = 1;
    CaptureStore live;
    live.append(analysed(QList<Capture>{capture}));
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("status.mwsession"));
    writeSession(path, {capture});
    CaptureStore opened;
    QVERIFY(open(opened, path));
    for (CaptureStore *store : {&live, &opened}) {
        const Model model(store);
        QCOMPARE(model.rowCount(), 1);
        const QModelIndex cell = model.index(0, Model::StatusColumn);
        QCOMPARE(cell.data().toString(), shown);
        QCOMPARE(cell.data(Qt::ToolTipRole).toString(), toolTip);
        QCOMPARE(cell.data(Model::SortRole).toInt(), capture.response.status);
    }
}

void TestCaptureTableModel::tokenNeverShown() {
    CaptureStore store;
    store.append(m_captures);
    Model model(&store);
    QList<int> roles{Qt::DisplayRole, Qt::ToolTipRole};
    for (int role = Model::SortRole; role <= Model::SummaryRole; ++role)
        roles.append(role);
    const QStringList texts = allText(model, {}, roles);
    QVERIFY(!texts.isEmpty());
    for (const QString &text : texts)
        QVERIFY2(!text.contains(QString::fromLatin1(Token)), qPrintable(text));
    // A path that carries the Token itself is masked too.
    QVERIFY(!CaptureText::maskedPath(QStringLiteral("/hook?Token=") + QString::fromLatin1(Token))
                 .contains(QString::fromLatin1(Token)));
}

void TestCaptureTableModel::reanalysedRowsChange() {
    CaptureStore store;
    QList<AnalysedCapture> pending = m_captures;
    for (AnalysedCapture &c : pending)
        c.analysed = false;
    store.append(pending);
    Model model(&store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    store.updateAnalyses(m_captures.mid(2, 3));
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.at(0).at(0).toModelIndex().row(), 2);
    QCOMPARE(changed.at(0).at(1).toModelIndex().row(), 4);
    QCOMPARE(changed.at(0).at(1).toModelIndex().column(), int(Model::ColumnCount) - 1);
    QCOMPARE(reset.size(), 0);
    QCOMPARE(model.index(3, Model::KindColumn).data().toString(),
             webhookKindName(m_captures.at(3).analysis.kind));
    QCOMPARE(model.index(5, Model::KindColumn).data().toString(), CaptureText::notAnalysedName());
}

void TestCaptureTableModel::resetAndClear() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("s.mwsession"));
    const QList<AnalysedCapture> written = writeSession(path, mixedCaptures().mid(0, 6));

    CaptureStore store;
    store.append(m_captures);
    Model model(&store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy opened(&store, &CaptureStore::opened);
    store.openAsync(path);
    QVERIFY(opened.wait(10000));
    QCOMPARE(reset.size(), 1);
    QCOMPARE(model.rowCount(), int(written.size()));
    QCOMPARE(model.index(0, Model::EventsColumn).data().toString(),
             written.first().analysis.eventsSummary());
    store.clear();
    QCOMPARE(reset.size(), 2);
    QCOMPARE(model.rowCount(), 0);
    store.append({m_captures.last()}); // ids keep growing after a clear
    QCOMPARE(model.rowCount(), 1);
}

void TestCaptureTableModel::headers() {
    CaptureStore store;
    Model model(&store);
    QSet<QString> titles;
    for (int column = 0; column < Model::ColumnCount; ++column) {
        const QString title = model.headerData(column, Qt::Horizontal).toString();
        QVERIFY(!title.isEmpty());
        titles.insert(title);
    }
    QCOMPARE(titles.size(), int(Model::ColumnCount));
    QVERIFY(
        !model.headerData(Model::SizeColumn, Qt::Horizontal, Qt::ToolTipRole).toString().isEmpty());
}

void TestCaptureTableModel::repeatedDeliveriesAreMarked() {
    const QByteArray message = m_captures.at(0).capture.body;
    QList<Capture> sent{webhook(message, 1), webhook("{}", 2), webhook(message, 3),
                        webhook(message, 4), webhook(message, 5, "PUT")};
    CaptureStore store;
    store.append(analysed(sent));
    Model model(&store);
    QStringList shown;
    QList<int> sorted;
    for (int row = 0; row < model.rowCount(); ++row) {
        const QModelIndex cell = model.index(row, Model::DeliveryColumn);
        shown.append(cell.data().toString());
        sorted.append(cell.data(Model::SortRole).toInt());
    }
    // Only the repeats are marked; a first delivery is what every row is.
    QCOMPARE(shown, (QStringList{QString(), QString(), QStringLiteral("2nd"), QStringLiteral("3rd"),
                                 QString()}));
    QCOMPARE(sorted, (QList<int>{1, 1, 2, 3, 1}));
    QVERIFY(!model.headerData(Model::DeliveryColumn, Qt::Horizontal, Qt::ToolTipRole)
                 .toString()
                 .isEmpty());
}

QTEST_GUILESS_MAIN(TestCaptureTableModel)
#include "tst_capturetablemodel.moc"
