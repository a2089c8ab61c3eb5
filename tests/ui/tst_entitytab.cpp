#include "detailfixture.h"

#include "models/entityformmodel.h"
#include "panes/detail/entitytab.h"

#include <QAbstractProxyModel>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>
#include <QTreeView>

using namespace DetailFixtureData;

class TestEntityTab : public QObject, private DetailFixture {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(setUpSession()); }
    void init() { newPane(); }
    void eventOfTheOlderFormShowsItsEntity();
    void currentFormEventSaysOnlyTheIdIsSent();
    void integrationDataFormMasksTheToken();
    void referencedIdIsALinkToTheEntity();
};

void TestEntityTab::eventOfTheOlderFormShowsItsEntity() {
    m_pane->showEvent(idOf(QStringLiteral("orders")), 1);
    QCOMPARE(m_pane->tabs()->currentWidget(), m_pane->tabs()->entity());
    const EntityForm &form = m_pane->tabs()->entity()->form();
    QCOMPARE(form.eventIndex, 1);
    QCOMPARE(form.typeName, QStringLiteral("Reservation"));
    QCOMPARE(form.path, QStringLiteral("Entities.ServiceOrders[1]"));
    QVERIFY(m_pane->tabs()->entity()->titleText().startsWith(QStringLiteral("Reservation ")));
    QVERIFY(m_pane->tabs()->entity()->noticeText().contains(
        QStringLiteral("Entities.ServiceOrders[1]")));
    QVERIFY(m_pane->tabs()->entity()->model()->rowCount() > 20);
    m_pane->showEntity(idOf(QStringLiteral("orders")), 0);
    QCOMPARE(m_pane->tabs()->entity()->form().path, QStringLiteral("Entities.ServiceOrders[0]"));
}

void TestEntityTab::currentFormEventSaysOnlyTheIdIsSent() {
    m_pane->showEvent(idOf(QStringLiteral("current")), 0);
    const EntityForm &form = m_pane->tabs()->entity()->form();
    QVERIFY(form.idOnly);
    QVERIFY(m_pane->tabs()->entity()->noticeText().startsWith(
        QStringLiteral("Mews sends only the Id of this Reservation; fetch it with Get all "
                       "reservations")));
    QCOMPARE(m_pane->tabs()->entity()->model()->rowCount(), 1);
}

void TestEntityTab::integrationDataFormMasksTheToken() {
    m_pane->showCapture(idOf(QStringLiteral("integration")));
    const EntityForm &form = m_pane->tabs()->entity()->form();
    QCOMPARE(form.typeName, QStringLiteral("IntegrationCreatedData"));
    EntityFormModel *model = m_pane->tabs()->entity()->model();
    const QString secret =
        JsonPath::resolve(
            QJsonDocument::fromJson(sample("integration-IntegrationCreated.json")).object(),
            u"Data.AccessToken")
            .toString();
    const QModelIndex token =
        model->indexForPath(QStringLiteral("Data.AccessToken")).siblingAtColumn(1);
    QCOMPARE(token.data().toString(), QString(8, QChar(0x2022)) + secret.right(4));
    // The view shows it through the decoration: italic for secrets.
    QTreeView *view = m_pane->tabs()->entity()->view();
    const QModelIndex shown = view->model()->index(token.row(), 1, view->rootIndex());
    QCOMPARE(shown.data().toString(), token.data().toString());
    QVERIFY(shown.data(Qt::FontRole).value<QFont>().italic());
}

void TestEntityTab::referencedIdIsALinkToTheEntity() {
    const qint64 mixed = idOf(QStringLiteral("mixed"));
    m_pane->showEvent(mixed, 2); // the reservation assigned to resource 4a6c8e0b…
    EntityFormModel *model = m_pane->tabs()->entity()->model();
    const QModelIndex assigned = model
                                     ->indexForPath(m_pane->tabs()->entity()->form().path +
                                                    QStringLiteral(".AssignedResourceId"))
                                     .siblingAtColumn(1);
    QVERIFY(assigned.data(EntityFormModel::LinkRole).toBool());
    QVERIFY(!model->indexForPath(m_pane->tabs()->entity()->form().path + QStringLiteral(".RateId"))
                 .siblingAtColumn(1)
                 .data(EntityFormModel::LinkRole)
                 .toBool());
    QTreeView *view = m_pane->tabs()->entity()->view();
    QAbstractProxyModel *proxy = qobject_cast<QAbstractProxyModel *>(view->model());
    QVERIFY(proxy);
    const QModelIndex shown = proxy->mapFromSource(assigned);
    QVERIFY(shown.data(Qt::FontRole).value<QFont>().underline());
    view->scrollTo(shown);
    QSignalSpy requested(m_pane.get(), &DetailPane::captureRequested);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(shown).center());
    // The resource is embedded in the same capture: the Entity tab switches to it.
    QCOMPARE(m_pane->captureId(), mixed);
    QCOMPARE(m_pane->tabs()->entity()->form().typeName, QStringLiteral("Resource"));
    QCOMPARE(m_pane->tabs()->entity()->form().entityId,
             QStringLiteral("4a6c8e0b-3d5f-4b71-8e2a-c4d6f8a0b1c3"));
    QVERIFY(requested.isEmpty());
}

QTEST_MAIN(TestEntityTab)
#include "tst_entitytab.moc"
