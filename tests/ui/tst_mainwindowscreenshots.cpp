#include "scratchhome.h"
#include "windowfixture.h"

#include "testsupport.h"

#include "appstyle.h"
#include "mainwindow.h"
#include "models/eventlistmodel.h"
#include "models/statelistmodel.h"
#include "models/taglistmodel.h"
#include "panes/captures/capturetableview.h"
#include "panes/detail/detailpane.h"
#include "panes/detail/detailtabs.h"
#include "panes/events/eventpane.h"
#include "panes/filters/filterpane.h"
#include "session/capturestore.h"

#include <QApplication>
#include <QDir>
#include <QTableView>
#include <QTest>

// The README's screenshots of the main window (docs/screenshots): each state the window
// is in when a user sees it first. Skipped unless MWI_SCREENSHOT_DIR names a folder; see
// the README's "For contributors". Split from tst_mainwindow.cpp, which tests the panes
// working together.
class TestMainWindowScreenshots : public QObject, private WindowFixture {
    Q_OBJECT

private Q_SLOTS:
    void init() { QVERIFY(setUp()); }
    void cleanup() { tearDown(); }
    void screenshots();
};

void TestMainWindowScreenshots::screenshots() {
    const QString folder = qEnvironmentVariable("MWI_SCREENSHOT_DIR");
    if (folder.isEmpty())
        QSKIP("set MWI_SCREENSHOT_DIR (and run under Xvfb) to write screenshots");
    QDir().mkpath(folder);
    const auto save = [&](const QString &name) {
        QTest::qWait(300); // let pending repaints and layouts land
        QVERIFY(m_window->grab().save(QDir(folder).filePath(name)));
    };
    ListenerConfig config = m_window->listener()->config();
    config.token = QStringLiteral("mews-7f3a9c2e41d0");
    QString error;
    QVERIFY(m_window->listener()->apply(config, &error));
    m_window->showNormal();
    m_window->resize(1600, 1000);
    save(QStringLiteral("empty-listening.png"));

    const QByteArray token = "/webhook?Token=mews-7f3a9c2e41d0";
    for (int round = 0; round < 3; ++round)
        sendSamples();
    QByteArray broken =
        TestSupport::readData(QStringLiteral("samples/general-ServiceOrderUpdated.json"));
    broken.replace("\"2025-04-18T14:00:00Z\"", "\"next Tuesday\"");
    broken.replace("\"State\": \"Confirmed\"", "\"State\": \"Pending\"");
    QCOMPARE(post(baseUrl(), broken, token), 200);
    QCOMPARE(post(baseUrl(), "{}", "/webhook"), 401); // no token: rejected
    QTRY_COMPARE_WITH_TIMEOUT(m_window->store()->size(), qsizetype(3 * samplesCount() + 2), Wait);
    const CaptureStore *store = m_window->store();
    const auto find = [store](auto predicate) {
        for (qsizetype i = store->size() - 1; i >= 0; --i)
            if (predicate(store->row(i)))
                return store->row(i).id;
        return qint64(0);
    };
    const qint64 mixed = find([](const CaptureIndexRow &row) {
        return row.kind == WebhookKind::General && row.eventCount >= 3;
    });
    CaptureTableView *table = m_window->captureView();
    QVERIFY(table->selectCapture(mixed));
    // The filter lists' counts refresh on a timer, not per batch: every capture has one
    // contract state, so the picture is ready when those counts add up to the store.
    const auto stateTotal = [this] {
        const StateListModel *states = m_window->filterPane()->stateModel();
        qsizetype total = 0;
        for (int row = 0; row < states->rowCount(); ++row)
            total += states->index(row, 0).data(CheckableListModel::CountRole).value<qsizetype>();
        return total;
    };
    QTRY_COMPARE_WITH_TIMEOUT(stateTotal(), store->size(), Wait);
    save(QStringLiteral("live.png"));

    // Filtered to one event type, an event of the older General form: its embedded
    // entity, as a form.
    TagListModel *tags = m_window->filterPane()->tagModel();
    for (int row = 0; row < tags->rowCount(); ++row) {
        if (tags->index(row, 0).data(CheckableListModel::KeyRole) ==
            QStringLiteral("ServiceOrderUpdated"))
            tags->setData(tags->index(row, 0), Qt::Checked, Qt::CheckStateRole);
    }
    QTableView *events = m_window->eventPane()->listView();
    QModelIndex embedded;
    for (int row = events->model()->rowCount() - 1; row >= 0 && !embedded.isValid(); --row) {
        const QModelIndex index = events->model()->index(row, EventListModel::EventColumn);
        if (index.data(EventListModel::EntityIncludedRole).toBool() &&
            index.data().toString() == QStringLiteral("ServiceOrderUpdated"))
            embedded = index;
    }
    QVERIFY(embedded.isValid());
    QVERIFY(table->selectCapture(embedded.data(EventListModel::CaptureIdRole).toLongLong()));
    events->setCurrentIndex(embedded);
    events->scrollTo(embedded);
    QTRY_COMPARE_WITH_TIMEOUT(m_window->detailPane()->tabs()->currentIndex(),
                              int(DetailTabs::EntityPage), Wait);
    save(QStringLiteral("entity.png"));
    m_window->filterPane()->clearFilters();

    const qint64 errors =
        find([](const CaptureIndexRow &row) { return row.state == ContractState::Errors; });
    QVERIFY(errors > 0);
    QVERIFY(table->selectCapture(errors));
    m_window->detailPane()->tabs()->setCurrentIndex(DetailTabs::FindingsPage);
    save(QStringLiteral("contract-errors.png"));

    const qint64 invalid =
        find([](const CaptureIndexRow &row) { return row.state == ContractState::InvalidJson; });
    QVERIFY(table->selectCapture(invalid));
    m_window->detailPane()->tabs()->setCurrentIndex(DetailTabs::RawPage);
    save(QStringLiteral("invalid-json.png"));

    // The problems only: contract errors, invalid JSON and rejected requests.
    StateListModel *states = m_window->filterPane()->stateModel();
    for (int row = 0; row < states->rowCount(); ++row) {
        const QString key = states->index(row, 0).data(CheckableListModel::KeyRole).toString();
        if (key == QLatin1String("errors") || key == QLatin1String("invalid-json") ||
            key == QLatin1String("rejected"))
            states->setData(states->index(row, 0), Qt::Checked, Qt::CheckStateRole);
    }
    table->setCurrentIndex(table->model()->index(table->model()->rowCount() - 1, 0));
    m_window->detailPane()->tabs()->setCurrentIndex(DetailTabs::OverviewPage);
    save(QStringLiteral("filtered.png"));

    m_window->filterPane()->clearFilters();
    QVERIFY(table->selectCapture(mixed));
    m_window->detailPane()->tabs()->setCurrentIndex(DetailTabs::OverviewPage);
    AppStyle::apply(*qApp, AppStyle::darkPalette());
    save(QStringLiteral("dark.png"));
    AppStyle::apply(*qApp, AppStyle::lightPalette());
}

int main(int argc, char *argv[]) {
    return ScratchHome::run<TestMainWindowScreenshots>(argc, argv,
                                                       QStringLiteral("tst_mainwindowscreenshots"));
}

#include "tst_mainwindowscreenshots.moc"
