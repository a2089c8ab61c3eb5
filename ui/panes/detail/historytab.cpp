#include "historytab.h"

#include "entitylinks.h"
#include "models/entityhistorymodel.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

HistoryTab::HistoryTab(QWidget *parent)
    : QWidget(parent)
    , m_model(new EntityHistoryModel(this))
    , m_label(new QLabel(this))
    , m_view(new QTableView(this)) {
    m_label->setTextFormat(Qt::PlainText);
    m_label->setWordWrap(true);
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setAlternatingRowColors(true);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_label);
    layout->addWidget(m_view, 1);
    connect(m_view, &QTableView::activated, this, [this](const QModelIndex &index) {
        if (index.isValid())
            Q_EMIT versionActivated(m_model->entityId(), m_model->version(index.row()));
    });
    clear();
}

int HistoryTab::rowCount() const {
    return m_model->rowCount();
}

QString HistoryTab::text() const {
    return m_label->text();
}

void HistoryTab::clear() {
    m_model->clear();
    m_label->setText(QStringLiteral("The history follows one entity through the session; "
                                    "this capture shows none."));
}

void HistoryTab::setEntity(const CaptureStore &store, const EntityForm &form, qint64 captureId) {
    if (form.entityId.isEmpty() || captureId == 0) {
        clear();
        return;
    }
    QString error;
    const QList<EntityVersion> versions = EntityLinks(store).history(form, &error);
    m_model->setHistory(form.entityId, form.entityType, versions, captureId);
    const QString entity =
        (form.entityType.isEmpty() ? QStringLiteral("Entity") : form.entityType) + u' ' +
        form.entityId;
    if (!error.isEmpty())
        m_label->setText(
            QStringLiteral("The history of %1 could not be read: %2").arg(entity, error));
    else
        m_label->setText(QStringLiteral("%1 appears %2 time%3 in this session, %4 of them in "
                                        "other captures. Open a row to go there.")
                             .arg(entity, QString::number(versions.size()),
                                  versions.size() == 1 ? QString() : QStringLiteral("s"),
                                  QString::number(m_model->otherCaptureCount())));
    m_view->resizeColumnsToContents();
}
