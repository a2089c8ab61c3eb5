#include "../models/detailtestdata.h"

#include "models/entityhistorymodel.h"
#include "models/findingsmodel.h"
#include "models/headersmodel.h"
#include "panes/detail/codeeditor.h"
#include "panes/detail/detailloader.h"
#include "panes/detail/detailpane.h"
#include "panes/detail/entitytab.h"
#include "panes/detail/historytab.h"
#include "panes/detail/jsontreetab.h"
#include "panes/detail/overviewtab.h"
#include "panes/detail/rawtab.h"
#include "session/capturestore.h"

#include <QAbstractProxyModel>
#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QLabel>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextDocument>
#include <QToolButton>
#include <QTreeView>

using namespace DetailTestData;

namespace {

const QString Html = QStringLiteral("<b>bold</b><script>alert(1)</script>");

QByteArray sample(const char *name) {
    return TestSupport::readData(QStringLiteral("samples/") + QLatin1String(name));
}

// A legacy General webhook of more than `minimum` bytes: many reservations, each named.
QByteArray bigWebhook(qsizetype minimum, const QString &idPrefix) {
    const QJsonObject base =
        QJsonDocument::fromJson(sample("general-ServiceOrderUpdated.json")).object();
    const QJsonObject reservation = base.value(QLatin1String("Entities"))
                                        .toObject()
                                        .value(QLatin1String("ServiceOrders"))
                                        .toArray()
                                        .at(0)
                                        .toObject();
    QJsonArray events;
    QJsonArray orders;
    qsizetype size = 0;
    for (int i = 0; size < minimum; ++i) {
        QJsonObject order = reservation;
        const QString id =
            idPrefix + QStringLiteral("-0000-4000-8000-%1").arg(i, 12, 10, QLatin1Char('0'));
        order.insert(QLatin1String("Id"), id);
        orders.append(order);
        events.append(
            QJsonObject{{QStringLiteral("Discriminator"), QStringLiteral("ServiceOrderUpdated")},
                        {QStringLiteral("Value"), QJsonObject{{QStringLiteral("Id"), id}}}});
        size += 900;
    }
    QJsonObject root = base;
    root.insert(QLatin1String("Events"), events);
    root.insert(QLatin1String("Entities"), QJsonObject{{QStringLiteral("ServiceOrders"), orders}});
    return QJsonDocument(root).toJson(QJsonDocument::Indented);
}

int findingRow(const QAbstractItemModel *model, const QString &path) {
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, 0).data(FindingsModel::PathRole).toString() == path)
            return row;
    }
    return -1;
}

} // namespace

class TestDetailPane : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void startsEmpty();
    void overviewDescribesTheCapture();
    void keepsTheTabTheUserChose();
    void rejectionIsProminent();
    void eventOfTheOlderFormShowsItsEntity();
    void currentFormEventSaysOnlyTheIdIsSent();
    void integrationDataFormMasksTheToken();
    void revealTogglesMaskingEverywhere();
    void invalidJsonRawViewMarksTheErrorPosition();
    void invalidJsonTreeIsLenient();
    void activatingAFindingSelectsItsPath();
    void payloadHtmlShowsLiterally();
    void referencedIdIsALinkToTheEntity();
    void historyOpensOtherCaptures();
    void integrationHistoryListsTheIntegrationsWebhooks();
    void ctrlCCopiesTheSelectedValue();
    void bigBodyLoadsOffTheGuiThread();
    void newerSelectionSupersedesAnOlderLoad();
    void copyAsCurl();
    void unknownCaptureSaysSo();
    void screenshots();

private:
    qint64 idOf(const QString &name) const { return m_ids.value(name); }

    QTemporaryDir m_dir;
    CaptureStore m_store;
    QHash<QString, qint64> m_ids;
    std::unique_ptr<DetailPane> m_pane;
};

void TestDetailPane::initTestCase() {
    QVERIFY(m_dir.isValid());
    QList<std::pair<QString, Capture>> captures;
    int n = 1;
    const auto add = [&](const QString &name, const Capture &capture) {
        captures.append({name, capture});
        ++n;
    };
    add(QStringLiteral("orders"), webhook(sample("general-ServiceOrderUpdated.json"), n));
    add(QStringLiteral("integration"), webhook(sample("integration-IntegrationCreated.json"), n));
    add(QStringLiteral("enabled"), webhook(sample("integration-IntegrationEnabled.json"), n));
    add(QStringLiteral("invalid"),
        webhook(TestSupport::readData(QStringLiteral("malformed/trailing-comma-in-events.txt")),
                n));
    add(QStringLiteral("html"), webhook(mutated(QStringLiteral("samples/general-MessageAdded.json"),
                                                QStringLiteral("Entities.Messages[0].Text"), Html)
                                            .replace("2025-03-14T09:23:05Z", "<b>soon</b>"),
                                        n));
    add(QStringLiteral("current"), webhook(sample("general-current-format.json"), n));
    add(QStringLiteral("mixed"), webhook(sample("general-mixed.json"), n));
    add(QStringLiteral("resource"), webhook(sample("general-ResourceUpdated.json"), n));
    add(QStringLiteral("broken"),
        webhook(mutated(QStringLiteral("samples/general-ServiceOrderUpdated.json"),
                        QStringLiteral("Entities.ServiceOrders[0].StartUtc"),
                        QStringLiteral("next Tuesday")),
                n));
    Capture rejected = webhook(QByteArray(), n, "/webhook?Token=wrong");
    rejected.method = "GET";
    rejected.rejection = QStringLiteral("401: the Token query parameter does not match");
    rejected.response = {401, {{"Content-Type", "text/plain"}}, "unauthorized\n", 0};
    add(QStringLiteral("rejected"), rejected);
    Capture binary = webhook(QByteArray("\x00\x01\xff\xfe{\"a\":1}\x00", 12), n);
    binary.headers[1].value = "application/octet-stream";
    add(QStringLiteral("binary"), binary);
    add(QStringLiteral("big"),
        webhook(bigWebhook(3 * DetailLoader::SyncLoadLimit / 2, QStringLiteral("0000000a")), n));
    add(QStringLiteral("big2"),
        webhook(bigWebhook(3 * DetailLoader::SyncLoadLimit / 2, QStringLiteral("0000000b")), n));

    QList<Capture> list;
    for (const auto &[name, capture] : std::as_const(captures))
        list.append(capture);
    const QString path = m_dir.filePath(QStringLiteral("detail.mwsession"));
    const QList<AnalysedCapture> written = writeSession(path, list);
    for (qsizetype i = 0; i < written.size(); ++i)
        m_ids.insert(captures.at(i).first, written.at(i).capture.id);
    QSignalSpy opened(&m_store, &CaptureStore::opened);
    m_store.openAsync(path);
    QVERIFY(opened.wait(20000));
    QCOMPARE(m_store.size(), written.size());
}

void TestDetailPane::init() {
    m_pane = std::make_unique<DetailPane>(&m_store);
    m_pane->resize(1000, 700);
    m_pane->show();
}

void TestDetailPane::startsEmpty() {
    QVERIFY(!m_pane->emptyText().isEmpty());
    QCOMPARE(m_pane->captureId(), 0);
    QVERIFY(m_pane->curlCommand().isEmpty());
    m_pane->showCapture(idOf(QStringLiteral("orders")));
    QVERIFY(m_pane->emptyText().isEmpty());
    m_pane->clear();
    QVERIFY(!m_pane->emptyText().isEmpty());
    QCOMPARE(m_pane->captureId(), 0);
}

void TestDetailPane::overviewDescribesTheCapture() {
    const qint64 id = idOf(QStringLiteral("orders"));
    m_pane->showCapture(id);
    QCOMPARE(m_pane->tabs()->currentIndex(), int(DetailPane::OverviewPage));
    const QString text = m_pane->overviewTab()->text();
    const QStringList expected{
        QStringLiteral("Kind: General webhook"),
        QStringLiteral("Method: POST"),
        QStringLiteral("Target: /webhook?Token=") + QString(8, QChar(0x2022)) +
            QStringLiteral("9f2c"),
        QStringLiteral("HTTP version: HTTP/1.1"),
        QStringLiteral("Remote: 127.0.0.1:%1").arg(40000 + 1),
        QStringLiteral("Local port: 8089"),
        QStringLiteral("Connection: #1, request 1 on it"),
        QStringLiteral("Status: 200 OK"),
        QStringLiteral("Capture: #%1").arg(id),
        QStringLiteral("First byte: 2025-03-14T09:26:42.000Z"),
        QStringLiteral("Summary: ") +
            analysed(webhook(sample("general-ServiceOrderUpdated.json"), 1)).analysis.summary(),
    };
    for (const QString &line : expected)
        QVERIFY2(text.contains(line), qPrintable(line + QStringLiteral("\n---\n") + text));
    QVERIFY(!text.contains(QStringLiteral("s3cret")));
    QVERIFY(m_pane->overviewTab()->rejectionText().isEmpty());
    QCOMPARE(m_pane->headersView()->model()->rowCount(), 3);
    QCOMPARE(m_pane->tabs()->tabText(DetailPane::HeadersPage), QStringLiteral("Headers (3)"));
}

void TestDetailPane::keepsTheTabTheUserChose() {
    m_pane->showCapture(idOf(QStringLiteral("orders")));
    QTabBar *bar = m_pane->tabs()->tabBar();
    QTest::mouseClick(bar, Qt::LeftButton, {}, bar->tabRect(DetailPane::RawPage).center());
    QCOMPARE(m_pane->tabs()->currentIndex(), int(DetailPane::RawPage));
    m_pane->showCapture(idOf(QStringLiteral("mixed")));
    QCOMPARE(m_pane->captureId(), idOf(QStringLiteral("mixed")));
    QCOMPARE(m_pane->tabs()->currentIndex(), int(DetailPane::RawPage));
    m_pane->showEvent(idOf(QStringLiteral("mixed")), 1); // an explicit request wins once
    QCOMPARE(m_pane->tabs()->currentIndex(), int(DetailPane::EntityPage));
    m_pane->showCapture(idOf(QStringLiteral("orders")));
    QCOMPARE(m_pane->tabs()->currentIndex(), int(DetailPane::RawPage));
}

void TestDetailPane::rejectionIsProminent() {
    m_pane->showCapture(idOf(QStringLiteral("rejected")));
    QCOMPARE(m_pane->overviewTab()->rejectionText(),
             QStringLiteral("Rejected: 401: the Token query parameter does not match"));
    QVERIFY(m_pane->overviewTab()->text().contains(QStringLiteral("Status: 401 Unauthorized")));
    QVERIFY(m_pane->overviewTab()->text().contains(QStringLiteral("Method: GET")));
    QVERIFY(m_pane->rawTab()->noticeText().contains(QStringLiteral("no body")));
}

void TestDetailPane::eventOfTheOlderFormShowsItsEntity() {
    m_pane->showEvent(idOf(QStringLiteral("orders")), 1);
    QCOMPARE(m_pane->tabs()->currentWidget(), m_pane->entityTab());
    const EntityForm &form = m_pane->entityTab()->form();
    QCOMPARE(form.eventIndex, 1);
    QCOMPARE(form.typeName, QStringLiteral("Reservation"));
    QCOMPARE(form.path, QStringLiteral("Entities.ServiceOrders[1]"));
    QVERIFY(m_pane->entityTab()->titleText().startsWith(QStringLiteral("Reservation ")));
    QVERIFY(
        m_pane->entityTab()->noticeText().contains(QStringLiteral("Entities.ServiceOrders[1]")));
    QVERIFY(m_pane->entityTab()->model()->rowCount() > 20);
    m_pane->showEntity(idOf(QStringLiteral("orders")), 0);
    QCOMPARE(m_pane->entityTab()->form().path, QStringLiteral("Entities.ServiceOrders[0]"));
}

void TestDetailPane::currentFormEventSaysOnlyTheIdIsSent() {
    m_pane->showEvent(idOf(QStringLiteral("current")), 0);
    const EntityForm &form = m_pane->entityTab()->form();
    QVERIFY(form.idOnly);
    QVERIFY(m_pane->entityTab()->noticeText().startsWith(
        QStringLiteral("Mews sends only the Id of this Reservation; fetch it with Get all "
                       "reservations")));
    QCOMPARE(m_pane->entityTab()->model()->rowCount(), 1);
}

void TestDetailPane::integrationDataFormMasksTheToken() {
    m_pane->showCapture(idOf(QStringLiteral("integration")));
    const EntityForm &form = m_pane->entityTab()->form();
    QCOMPARE(form.typeName, QStringLiteral("IntegrationCreatedData"));
    EntityFormModel *model = m_pane->entityTab()->model();
    const QString secret =
        JsonPath::resolve(
            QJsonDocument::fromJson(sample("integration-IntegrationCreated.json")).object(),
            u"Data.AccessToken")
            .toString();
    const QModelIndex token =
        model->indexForPath(QStringLiteral("Data.AccessToken")).siblingAtColumn(1);
    QCOMPARE(token.data().toString(), QString(8, QChar(0x2022)) + secret.right(4));
    // The view shows it through the decoration: italic for secrets.
    QTreeView *view = m_pane->entityTab()->view();
    const QModelIndex shown = view->model()->index(token.row(), 1, view->rootIndex());
    QCOMPARE(shown.data().toString(), token.data().toString());
    QVERIFY(shown.data(Qt::FontRole).value<QFont>().italic());
}

void TestDetailPane::revealTogglesMaskingEverywhere() {
    m_pane->showCapture(idOf(QStringLiteral("integration")));
    const QString secret =
        JsonPath::resolve(
            QJsonDocument::fromJson(sample("integration-IntegrationCreated.json")).object(),
            u"Data.AccessToken")
            .toString();
    const auto everywhere = [&] {
        return QStringList{m_pane->rawTab()->editor()->toPlainText(),
                           m_pane->jsonTreeTab()
                               ->model()
                               ->indexForPath(QStringLiteral("Data.AccessToken"))
                               .siblingAtColumn(1)
                               .data()
                               .toString(),
                           m_pane->entityTab()
                               ->model()
                               ->indexForPath(QStringLiteral("Data.AccessToken"))
                               .siblingAtColumn(1)
                               .data()
                               .toString(),
                           m_pane->overviewTab()->text(), m_pane->curlCommand()};
    };
    const QStringList masked = everywhere();
    QVERIFY(!masked.join(u'\n').contains(secret));
    QVERIFY(!masked.join(u'\n').contains(QStringLiteral("s3cret-TOKEN")));
    QVERIFY(!m_pane->secretsRevealed());

    QSignalSpy changed(m_pane.get(), &DetailPane::secretsRevealedChanged);
    m_pane->revealButton()->click();
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.first().first().toBool(), true);
    QVERIFY(m_pane->secretsRevealed());
    const QStringList revealed = everywhere();
    for (int i = 0; i < 3; ++i)
        QVERIFY2(revealed.at(i).contains(secret), qPrintable(QString::number(i)));
    QVERIFY(revealed.at(3).contains(QStringLiteral("Token=s3cret-TOKEN-9f2c")));
    QVERIFY(revealed.at(4).contains(QStringLiteral("s3cret-TOKEN-9f2c")));

    m_pane->setSecretsRevealed(false);
    QCOMPARE(changed.size(), 2);
    QVERIFY(!m_pane->revealButton()->isChecked());
    QVERIFY(!everywhere().join(u'\n').contains(secret));
}

void TestDetailPane::invalidJsonRawViewMarksTheErrorPosition() {
    const QByteArray body =
        TestSupport::readData(QStringLiteral("malformed/trailing-comma-in-events.txt"));
    const MewsAnalysis analysis = decode(body);
    QVERIFY(analysis.jsonError.isValid());
    m_pane->showCapture(idOf(QStringLiteral("invalid")));
    RawTab *raw = m_pane->rawTab();
    QVERIFY2(raw->errorText().contains(QStringLiteral("line %1, column %2")
                                           .arg(analysis.jsonError.line)
                                           .arg(analysis.jsonError.column)),
             qPrintable(raw->errorText()));
    CodeEditor *editor = raw->editor();
    const QString text = editor->toPlainText();
    const qsizetype bodyStart = text.indexOf(QLatin1Char('{'));
    QVERIFY(bodyStart > 0);
    // The cursor is at the error: the same place in the body's own text.
    const int expected =
        int(bodyStart + QString::fromUtf8(body.first(analysis.jsonError.offset)).size());
    QCOMPARE(editor->textCursor().position(), expected);
    QCOMPARE(editor->textCursor().blockNumber() - editor->firstNumberedLine() + 1,
             analysis.jsonError.line);
    QCOMPARE(editor->markedLine(), editor->textCursor().blockNumber());
    const QList<QTextEdit::ExtraSelection> marks = editor->extraSelections();
    QVERIFY(!marks.isEmpty());
    QCOMPARE(marks.last().format.underlineStyle(), QTextCharFormat::WaveUnderline);
    // Pretty printing is for valid JSON only.
    QVERIFY(!raw->findChildren<QToolButton *>().isEmpty());
    for (QToolButton *button : raw->findChildren<QToolButton *>())
        QVERIFY(!button->isEnabled());
}

void TestDetailPane::invalidJsonTreeIsLenient() {
    m_pane->showCapture(idOf(QStringLiteral("invalid")));
    JsonTreeTab *tree = m_pane->jsonTreeTab();
    QVERIFY(tree->model()->isLenient());
    QVERIFY(tree->statusText().contains(QStringLiteral("lenient")));
    QVERIFY(tree->model()->indexForPath(QStringLiteral("Events[1].Value.Id")).isValid());
}

void TestDetailPane::activatingAFindingSelectsItsPath() {
    const QString path = QStringLiteral("Entities.ServiceOrders[0].StartUtc");
    m_pane->showCapture(idOf(QStringLiteral("broken")));
    QTableView *findings = m_pane->findingsView();
    const int row = findingRow(findings->model(), path);
    QVERIFY(row >= 0);
    QCOMPARE(findings->model()->index(row, 0).data(FindingsModel::FindingSeverityRole).toInt(),
             int(FindingSeverity::Error));
    QVERIFY(!findings->model()->index(row, 0).data(Qt::DecorationRole).isNull());
    m_pane->tabs()->setCurrentWidget(findings);
    QSignalSpy activated(findings, &QAbstractItemView::activated);
    findings->setCurrentIndex(findings->model()->index(row, 0));
    QTest::keyClick(findings->viewport(), Qt::Key_Return);
    if (activated.isEmpty()) // styles differ in which key activates
        Q_EMIT findings->activated(findings->model()->index(row, 0));
    QCOMPARE(m_pane->tabs()->currentWidget(), m_pane->jsonTreeTab());
    QCOMPARE(m_pane->jsonTreeTab()->selectedPath(), path);
    QCOMPARE(m_pane->jsonTreeTab()->view()->currentIndex().data(JsonTreeModel::FindingSeverityRole),
             QVariant(int(FindingSeverity::Error)));
}

void TestDetailPane::payloadHtmlShowsLiterally() {
    m_pane->showEvent(idOf(QStringLiteral("html")), 0);
    EntityFormModel *form = m_pane->entityTab()->model();
    const QModelIndex text = form->indexForPath(QStringLiteral("Entities.Messages[0].Text"));
    QVERIFY(text.isValid());
    QCOMPARE(text.siblingAtColumn(1).data().toString(), Html);
    QCOMPARE(m_pane->jsonTreeTab()
                 ->model()
                 ->indexForPath(QStringLiteral("Entities.Messages[0].Text"))
                 .siblingAtColumn(1)
                 .data()
                 .toString(),
             Html);
    QVERIFY(m_pane->rawTab()->editor()->toPlainText().contains(Html));
    // Tooltips quote payload too: what the views show is escaped, never markup.
    QTreeView *view = m_pane->entityTab()->view();
    const QModelIndex created =
        qobject_cast<QAbstractProxyModel *>(view->model())
            ->mapFromSource(form->indexForPath(QStringLiteral("Entities.Messages[0].CreatedUtc")));
    const QString tip = created.data(Qt::ToolTipRole).toString();
    QVERIFY(!tip.contains(QStringLiteral("<b>soon")));
    QTextDocument rendered;
    rendered.setHtml(tip);
    QVERIFY2(rendered.toPlainText().contains(QStringLiteral("got \"<b>soon</b>\"")),
             qPrintable(rendered.toPlainText()));
    const QModelIndex header = m_pane->headersView()->model()->index(0, HeadersModel::ValueColumn);
    QTextDocument headerTip;
    headerTip.setHtml(header.data(Qt::ToolTipRole).toString());
    QCOMPARE(headerTip.toPlainText(), header.data().toString());
    // No label of the pane interprets markup.
    for (int page = 0; page < m_pane->tabs()->count(); ++page) {
        m_pane->tabs()->setCurrentIndex(page);
        for (QLabel *label : m_pane->findChildren<QLabel *>()) {
            if (!label->text().isEmpty())
                QVERIFY2(label->textFormat() == Qt::PlainText || !label->text().contains(u'<'),
                         qPrintable(label->text()));
        }
    }
}

void TestDetailPane::referencedIdIsALinkToTheEntity() {
    const qint64 mixed = idOf(QStringLiteral("mixed"));
    m_pane->showEvent(mixed, 2); // the reservation assigned to resource 4a6c8e0b…
    EntityFormModel *model = m_pane->entityTab()->model();
    const QModelIndex assigned =
        model
            ->indexForPath(m_pane->entityTab()->form().path + QStringLiteral(".AssignedResourceId"))
            .siblingAtColumn(1);
    QVERIFY(assigned.data(EntityFormModel::LinkRole).toBool());
    QVERIFY(!model->indexForPath(m_pane->entityTab()->form().path + QStringLiteral(".RateId"))
                 .siblingAtColumn(1)
                 .data(EntityFormModel::LinkRole)
                 .toBool());
    QTreeView *view = m_pane->entityTab()->view();
    QAbstractProxyModel *proxy = qobject_cast<QAbstractProxyModel *>(view->model());
    QVERIFY(proxy);
    const QModelIndex shown = proxy->mapFromSource(assigned);
    QVERIFY(shown.data(Qt::FontRole).value<QFont>().underline());
    view->scrollTo(shown);
    QSignalSpy requested(m_pane.get(), &DetailPane::captureRequested);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(shown).center());
    // The resource is embedded in the same capture: the Entity tab switches to it.
    QCOMPARE(m_pane->captureId(), mixed);
    QCOMPARE(m_pane->entityTab()->form().typeName, QStringLiteral("Resource"));
    QCOMPARE(m_pane->entityTab()->form().entityId,
             QStringLiteral("4a6c8e0b-3d5f-4b71-8e2a-c4d6f8a0b1c3"));
    QVERIFY(requested.isEmpty());
}

void TestDetailPane::historyOpensOtherCaptures() {
    const qint64 mixed = idOf(QStringLiteral("mixed"));
    m_pane->showEvent(mixed, 1); // ResourceUpdated 4a6c8e0b…, also in the "resource" capture
    QTableView *history = m_pane->historyTab()->view();
    QAbstractItemModel *model = history->model();
    QVERIFY(model->rowCount() >= 2);
    int other = -1;
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, 0).data(EntityHistoryModel::CaptureIdRole).toLongLong() ==
            idOf(QStringLiteral("resource")))
            other = row;
    }
    QVERIFY(other >= 0);
    QVERIFY(
        m_pane->tabs()->tabText(DetailPane::HistoryPage).startsWith(QStringLiteral("History (")));
    QSignalSpy requested(m_pane.get(), &DetailPane::captureRequested);
    Q_EMIT history->activated(model->index(other, 0));
    QCOMPARE(requested.size(), 1);
    QCOMPARE(requested.first().first().toLongLong(), idOf(QStringLiteral("resource")));
    QCOMPARE(m_pane->captureId(), idOf(QStringLiteral("resource")));
    QCOMPARE(m_pane->entityTab()->form().entityId,
             QStringLiteral("4a6c8e0b-3d5f-4b71-8e2a-c4d6f8a0b1c3"));
}

void TestDetailPane::integrationHistoryListsTheIntegrationsWebhooks() {
    m_pane->showCapture(idOf(QStringLiteral("enabled")));
    QCOMPARE(m_pane->entityTab()->form().subject, EntityForm::Subject::IntegrationData);
    HistoryTab *history = m_pane->historyTab();
    QCOMPARE(history->rowCount(), 2);
    QCOMPARE(history->model()->index(0, EntityHistoryModel::EventColumn).data().toString(),
             QStringLiteral("IntegrationCreated"));
    QCOMPARE(history->model()->index(1, EntityHistoryModel::EventColumn).data().toString(),
             QStringLiteral("IntegrationEnabled"));
    QVERIFY(history->model()->index(1, 0).data(EntityHistoryModel::CurrentRole).toBool());
    QVERIFY(history->text().startsWith(QStringLiteral("Integration 0c9a7e52-")));
    QSignalSpy requested(m_pane.get(), &DetailPane::captureRequested);
    Q_EMIT history->view()->activated(history->model()->index(0, 0));
    QCOMPARE(requested.size(), 1);
    QCOMPARE(m_pane->captureId(), idOf(QStringLiteral("integration")));
    QCOMPARE(m_pane->entityTab()->form().typeName, QStringLiteral("IntegrationCreatedData"));
}

void TestDetailPane::ctrlCCopiesTheSelectedValue() {
    const QString path = QStringLiteral("Data.Enterprise.Name");
    m_pane->showPath(idOf(QStringLiteral("integration")), path);
    QTreeView *view = m_pane->jsonTreeTab()->view();
    QCOMPARE(m_pane->jsonTreeTab()->selectedPath(), path);
    QApplication::clipboard()->clear();
    QTest::keySequence(view, QKeySequence::Copy);
    QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("Hotel Aurora Lisboa"));
    m_pane->jsonTreeTab()->copyPath();
    QCOMPARE(QApplication::clipboard()->text(), path);
    // A secret is copied masked until revealed.
    m_pane->showPath(idOf(QStringLiteral("integration")), QStringLiteral("Data.AccessToken"));
    QTest::keySequence(view, QKeySequence::Copy);
    QVERIFY(QApplication::clipboard()->text().startsWith(QString(8, QChar(0x2022))));
    m_pane->setSecretsRevealed(true);
    QTest::keySequence(view, QKeySequence::Copy);
    QVERIFY(!QApplication::clipboard()->text().contains(QChar(0x2022)));
    QCOMPARE(QApplication::clipboard()->text().size(), 64);

    // The Entity tab copies the selected field's value the same way.
    m_pane->setSecretsRevealed(false);
    m_pane->tabs()->setCurrentWidget(m_pane->entityTab());
    QTreeView *form = m_pane->entityTab()->view();
    const QModelIndex created =
        m_pane->entityTab()->model()->indexForPath(QStringLiteral("Data.CreatedUtc"));
    form->setCurrentIndex(
        qobject_cast<QAbstractProxyModel *>(form->model())->mapFromSource(created));
    QTest::keySequence(form, QKeySequence::Copy);
    QCOMPARE(QApplication::clipboard()->text(), QStringLiteral("2025-03-14T09:26:41Z"));
}

void TestDetailPane::bigBodyLoadsOffTheGuiThread() {
    const qint64 big = idOf(QStringLiteral("big"));
    QSignalSpy loaded(m_pane.get(), &DetailPane::loaded);
    m_pane->showPath(big, QStringLiteral("Entities.ServiceOrders[1000].StartUtc"));
    QVERIFY(m_pane->isLoading());
    QVERIFY(m_pane->rawTab()->noticeText().startsWith(QStringLiteral("Reading capture")));
    QVERIFY(
        m_pane->overviewTab()->text().startsWith(QStringLiteral("Reading capture #%1").arg(big)));
    QVERIFY(loaded.wait(30000));
    QCOMPARE(loaded.first().first().toLongLong(), big);
    QVERIFY(!m_pane->isLoading());
    QCOMPARE(m_pane->tabs()->currentWidget(), m_pane->jsonTreeTab());
    QCOMPARE(m_pane->jsonTreeTab()->selectedPath(),
             QStringLiteral("Entities.ServiceOrders[1000].StartUtc"));
    QVERIFY(!m_pane->rawTab()->editor()->toPlainText().isEmpty());
    QVERIFY(m_pane->overviewTab()->text().contains(QStringLiteral("Kind: General webhook")));
    QVERIFY(m_pane->findingsView()->model()->rowCount() > 0);
}

void TestDetailPane::newerSelectionSupersedesAnOlderLoad() {
    const qint64 big = idOf(QStringLiteral("big"));
    const qint64 big2 = idOf(QStringLiteral("big2"));
    const qint64 small = idOf(QStringLiteral("orders"));
    QSignalSpy loaded(m_pane.get(), &DetailPane::loaded);
    m_pane->showCapture(big);
    QVERIFY(m_pane->isLoading());
    m_pane->showCapture(small); // small bodies load at once
    QCOMPARE(loaded.size(), 1);
    QCOMPARE(loaded.last().first().toLongLong(), small);
    QVERIFY(!m_pane->isLoading());
    // The load of `big` still runs; the one of big2 waits for it, and only big2 is applied.
    m_pane->showEntity(big2, 3);
    QVERIFY(m_pane->isLoading());
    QVERIFY(loaded.wait(30000));
    QCOMPARE(loaded.size(), 2);
    QCOMPARE(loaded.last().first().toLongLong(), big2);
    QCOMPARE(m_pane->captureId(), big2);
    QCOMPARE(m_pane->entityTab()->form().entityIndex, 3);
    const QString firstId = m_pane->jsonTreeTab()
                                ->model()
                                ->indexForPath(QStringLiteral("Entities.ServiceOrders[0].Id"))
                                .siblingAtColumn(JsonTreeModel::ValueColumn)
                                .data()
                                .toString();
    QVERIFY2(firstId.startsWith(QStringLiteral("0000000b-")), qPrintable(firstId));
    QVERIFY(m_pane->rawTab()->editor()->toPlainText().contains(QStringLiteral("0000000b-")));
}

void TestDetailPane::copyAsCurl() {
    m_pane->showCapture(idOf(QStringLiteral("orders")));
    QString command = m_pane->curlCommand();
    QVERIFY(command.startsWith(QStringLiteral("curl ")) ||
            command.contains(QStringLiteral("curl ")));
    QVERIFY(command.contains(QStringLiteral("http://127.0.0.1:8089")));
    QVERIFY(!command.contains(QStringLiteral("s3cret")));
    m_pane->setListenerUrl(QStringLiteral("http://127.0.0.1:9999"));
    m_pane->setSecretsRevealed(true);
    command = m_pane->curlCommand();
    QVERIFY(command.contains(QStringLiteral("http://127.0.0.1:9999")));
    QVERIFY(command.contains(QStringLiteral("s3cret-TOKEN-9f2c")));
    QToolButton *copy = nullptr;
    for (QToolButton *button : m_pane->findChildren<QToolButton *>()) {
        if (button->text() == QStringLiteral("Copy as cURL"))
            copy = button;
    }
    QVERIFY(copy);
    copy->click();
    QCOMPARE(QApplication::clipboard()->text(), command);
}

void TestDetailPane::unknownCaptureSaysSo() {
    m_pane->showCapture(idOf(QStringLiteral("orders")));
    m_pane->showCapture(987654);
    QVERIFY(m_pane->emptyText().contains(QStringLiteral("987654")));
    QCOMPARE(m_pane->captureId(), 0);
}

void TestDetailPane::screenshots() {
    const QString folder = qEnvironmentVariable("MWI_SCREENSHOT_DIR");
    if (folder.isEmpty())
        QSKIP("set MWI_SCREENSHOT_DIR to write screenshots");
    QDir().mkpath(folder);
    const auto save = [&](const QString &name) {
        QVERIFY(m_pane->grab().save(QDir(folder).filePath(name)));
    };
    m_pane->showEvent(idOf(QStringLiteral("mixed")), 2);
    save(QStringLiteral("detail-entity-general.png"));
    m_pane->showEvent(idOf(QStringLiteral("current")), 0);
    save(QStringLiteral("detail-entity-current.png"));
    m_pane->showEvent(idOf(QStringLiteral("broken")), 0);
    save(QStringLiteral("detail-entity-broken.png"));
    m_pane->showCapture(idOf(QStringLiteral("integration")));
    m_pane->tabs()->setCurrentIndex(DetailPane::EntityPage);
    save(QStringLiteral("detail-entity-integration.png"));
    m_pane->tabs()->setCurrentIndex(DetailPane::OverviewPage);
    save(QStringLiteral("detail-overview.png"));
    m_pane->showCapture(idOf(QStringLiteral("invalid")));
    m_pane->tabs()->setCurrentIndex(DetailPane::RawPage);
    save(QStringLiteral("detail-raw-invalid.png"));
    m_pane->tabs()->setCurrentIndex(DetailPane::JsonPage);
    m_pane->jsonTreeTab()->expandAll();
    save(QStringLiteral("detail-tree-invalid.png"));
    m_pane->showCapture(idOf(QStringLiteral("broken")));
    m_pane->tabs()->setCurrentIndex(DetailPane::FindingsPage);
    save(QStringLiteral("detail-findings.png"));
    m_pane->showPath(idOf(QStringLiteral("broken")),
                     QStringLiteral("Entities.ServiceOrders[0].StartUtc"));
    save(QStringLiteral("detail-tree-finding.png"));
    m_pane->showCapture(idOf(QStringLiteral("rejected")));
    m_pane->tabs()->setCurrentIndex(DetailPane::OverviewPage);
    save(QStringLiteral("detail-rejected.png"));
    m_pane->showCapture(idOf(QStringLiteral("mixed")));
    m_pane->tabs()->setCurrentIndex(DetailPane::RawPage);
    save(QStringLiteral("detail-raw-pretty.png"));

    QPalette dark;
    dark.setColor(QPalette::Window, QColor(0x2b, 0x2b, 0x2b));
    dark.setColor(QPalette::WindowText, QColor(0xe0, 0xe0, 0xe0));
    dark.setColor(QPalette::Base, QColor(0x1e, 0x1e, 0x1e));
    dark.setColor(QPalette::AlternateBase, QColor(0x26, 0x26, 0x26));
    dark.setColor(QPalette::Text, QColor(0xe0, 0xe0, 0xe0));
    dark.setColor(QPalette::Button, QColor(0x35, 0x35, 0x35));
    dark.setColor(QPalette::ButtonText, QColor(0xe0, 0xe0, 0xe0));
    dark.setColor(QPalette::PlaceholderText, QColor(0x90, 0x90, 0x90));
    dark.setColor(QPalette::Link, QColor(0x6a, 0xb0, 0xff));
    m_pane->setPalette(dark);
    m_pane->showCapture(idOf(QStringLiteral("invalid")));
    m_pane->tabs()->setCurrentIndex(DetailPane::RawPage);
    save(QStringLiteral("detail-raw-invalid-dark.png"));
    m_pane->showEvent(idOf(QStringLiteral("broken")), 0);
    save(QStringLiteral("detail-entity-broken-dark.png"));
}

QTEST_MAIN(TestDetailPane)
#include "tst_detailpane.moc"
