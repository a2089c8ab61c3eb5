#include "entitytab.h"

#include "mews/lenientjson.h"
#include "severitydecoration.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QStringListModel>
#include <QStyle>
#include <QTextDocument>
#include <QTreeView>
#include <QVBoxLayout>

namespace {

enum SubjectKind { IntegrationSubject, EventSubject, EntitySubject };

/// Links, and fields that were not sent, on top of the severity decoration.
class EntityFormDecoration : public SeverityDecoration {
public:
    using SeverityDecoration::SeverityDecoration;

    QVariant data(const QModelIndex &index, int role) const override {
        const auto status = EntityFormField::Status(
            QIdentityProxyModel::data(index, EntityFormModel::StatusRole).toInt());
        const bool absent = status == EntityFormField::Status::Missing ||
                            status == EntityFormField::Status::NotSent;
        const bool link = index.column() == EntityFormModel::ValueColumn &&
                          QIdentityProxyModel::data(index, EntityFormModel::LinkRole).toBool();
        switch (role) {
        case Qt::ForegroundRole:
            if (link)
                return m_palette.color(QPalette::Link);
            if (absent && status == EntityFormField::Status::Missing &&
                index.column() == EntityFormModel::ValueColumn)
                return textColor(FindingSeverity::Error, m_palette);
            if (absent)
                return m_palette.color(QPalette::PlaceholderText);
            break;
        case Qt::FontRole: {
            QFont font = SeverityDecoration::data(index, role).value<QFont>();
            if (link)
                font.setUnderline(true);
            if (absent || (status == EntityFormField::Status::NotKnown &&
                           index.column() != EntityFormModel::ValueColumn))
                font.setItalic(true);
            return font;
        }
        case Qt::ToolTipRole:
            if (link)
                return Qt::convertFromPlainText(
                    QIdentityProxyModel::data(index, role).toString() +
                    QStringLiteral("\nClick to open this %1 where the session has it.")
                        .arg(QIdentityProxyModel::data(index, EntityFormModel::RefersToRole)
                                 .toString()));
            break;
        }
        return SeverityDecoration::data(index, role);
    }
};

QString shortId(const QString &id) {
    return id.size() > 13 ? id.left(8) + QChar(0x2026) : id;
}

} // namespace

EntityTab::EntityTab(QWidget *parent)
    : QWidget(parent)
    , m_subjectNames(new QStringListModel(this))
    , m_subjects(new QComboBox(this))
    , m_title(new QLabel(this))
    , m_notice(new QLabel(this))
    , m_noticeIcon(new QLabel(this))
    , m_view(new QTreeView(this))
    , m_model(new EntityFormModel(this))
    , m_decoration(new EntityFormDecoration(EntityFormModel::LabelColumn, this)) {
    // A model, not addItem(): a capture can hold thousands of events.
    m_subjects->setModel(m_subjectNames);
    m_subjects->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_subjects->setMinimumContentsLength(40);
    m_subjects->setAccessibleName(QStringLiteral("Event or entity"));
    for (QLabel *label : {m_title, m_notice}) {
        label->setTextFormat(Qt::PlainText);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse);
        label->setWordWrap(true);
    }
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    const int iconSize = style()->pixelMetric(QStyle::PM_SmallIconSize);
    m_noticeIcon->setPixmap(
        style()->standardIcon(QStyle::SP_MessageBoxInformation).pixmap(iconSize, iconSize));
    m_noticeIcon->setAlignment(Qt::AlignTop);

    m_decoration->setSourceModel(m_model);
    m_view->setModel(m_decoration);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->setMouseTracking(true);
    m_view->setAllColumnsShowFocus(true);
    m_view->header()->setSectionResizeMode(QHeaderView::Interactive);
    m_view->header()->setStretchLastSection(true);

    auto *top = new QHBoxLayout;
    top->addWidget(m_subjects);
    top->addWidget(m_title, 1);
    auto *notice = new QHBoxLayout;
    notice->addWidget(m_noticeIcon);
    notice->addWidget(m_notice, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addLayout(notice);
    layout->addWidget(m_view, 1);

    // Ctrl+C copies the selected field's whole value (masked unless revealed), not the cell.
    m_view->installEventFilter(this);
    connect(m_subjects, &QComboBox::currentIndexChanged, this, &EntityTab::pick);
    connect(m_view, &QTreeView::clicked, this, [this](const QModelIndex &index) {
        if (index.column() == EntityFormModel::ValueColumn &&
            index.data(EntityFormModel::LinkRole).toBool())
            Q_EMIT linkActivated(index.data(EntityFormModel::ReferencedIdRole).toString(),
                                 index.data(EntityFormModel::RefersToRole).toString());
    });
    connect(m_view, &QTreeView::doubleClicked, this, [this](const QModelIndex &index) {
        if (index.column() != EntityFormModel::ValueColumn ||
            !index.data(EntityFormModel::LinkRole).toBool())
            Q_EMIT pathActivated(index.data(EntityFormModel::PathRole).toString());
    });
    connect(m_view, &QTreeView::entered, this, [this](const QModelIndex &index) {
        const bool link = index.column() == EntityFormModel::ValueColumn &&
                          index.data(EntityFormModel::LinkRole).toBool();
        m_view->viewport()->setCursor(link ? Qt::PointingHandCursor : Qt::ArrowCursor);
    });
    showMessage(QString());
}

bool EntityTab::eventFilter(QObject *watched, QEvent *event) {
    if (watched == m_view && event->type() == QEvent::KeyPress &&
        static_cast<QKeyEvent *>(event)->matches(QKeySequence::Copy)) {
        copySelection();
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

bool EntityTab::canCopySelection() const {
    return m_view->currentIndex().isValid();
}

void EntityTab::copySelection() {
    const QModelIndex index = m_view->currentIndex();
    if (index.isValid())
        QApplication::clipboard()->setText(index.data(EntityFormModel::CopyTextRole).toString());
}

void EntityTab::changeEvent(QEvent *event) {
    if (event->type() == QEvent::PaletteChange)
        m_decoration->setPalette(palette());
    QWidget::changeEvent(event);
}

int EntityTab::subjectCount() const {
    return int(m_subjectList.size());
}

QString EntityTab::noticeText() const {
    return m_notice->text();
}

QString EntityTab::titleText() const {
    return m_title->text();
}

void EntityTab::showMessage(const QString &message) {
    const QSignalBlocker blocker(m_subjects);
    m_subjectList.clear();
    m_subjectNames->setStringList({});
    m_subjects->setVisible(false);
    m_model->clear();
    m_view->setVisible(false);
    m_title->setText(QString());
    m_notice->setText(message);
    m_notice->setVisible(!message.isEmpty());
    m_noticeIcon->setVisible(!message.isEmpty());
    Q_EMIT formChanged();
}

void EntityTab::setCapture(const JsonBody &json, const MewsAnalysis &analysis,
                           const FindingIndex &findings) {
    m_json = json;
    m_analysis = analysis;
    m_findings = findings;
    QStringList names;
    m_subjectList.clear();
    if (analysis.kind == WebhookKind::Integration) {
        names.append(QStringLiteral("Data · ") +
                     (analysis.action.isEmpty() ? QStringLiteral("no Action") : analysis.action));
        m_subjectList.append({IntegrationSubject, 0});
    }
    for (int i = 0; i < analysis.events.size(); ++i) {
        const WebhookEvent &event = analysis.events.at(i);
        QString text = QStringLiteral("Event %1 · %2")
                           .arg(i + 1)
                           .arg(event.discriminator.isEmpty() ? QStringLiteral("(no Discriminator)")
                                                              : event.discriminator.left(80));
        if (!event.entityId.isEmpty())
            text += QStringLiteral(" · ") + shortId(event.entityId);
        if (event.entityIncluded())
            text += QStringLiteral(" · embedded");
        names.append(text);
        m_subjectList.append({EventSubject, i});
    }
    for (int i = 0; i < analysis.entities.size(); ++i) {
        const WebhookEntity &entity = analysis.entities.at(i);
        if (entity.eventIndex >= 0)
            continue; // reached through its event
        names.append(entity.path.left(120) + (entity.id.isEmpty()
                                                  ? QString()
                                                  : QStringLiteral(" · ") + shortId(entity.id)));
        m_subjectList.append({EntitySubject, i});
    }
    {
        const QSignalBlocker blocker(m_subjects);
        m_subjectNames->setStringList(names);
    }
    if (m_subjectList.isEmpty()) {
        QString why = QStringLiteral("This body holds no Mews event or entity.");
        if (analysis.jsonError.tooDeep)
            why = QStringLiteral("The body nests too deeply to decode (over %1 levels).")
                      .arg(LenientJson::DefaultMaxDepth);
        else if (analysis.kind == WebhookKind::InvalidJson)
            why = QStringLiteral("The body is not valid JSON, and read leniently it is not a "
                                 "Mews webhook either.");
        else if (analysis.kind == WebhookKind::General)
            why = QStringLiteral("This General webhook has no events.");
        showMessage(why);
        return;
    }
    m_subjects->setVisible(m_subjectList.size() > 1);
    m_view->setVisible(true);
    {
        const QSignalBlocker blocker(m_subjects);
        m_subjects->setCurrentIndex(0);
    }
    pick(0);
}

void EntityTab::select(int kind, int index) {
    for (int i = 0; i < m_subjectList.size(); ++i) {
        if (m_subjectList.at(i).kind == kind && m_subjectList.at(i).index == index) {
            if (m_subjects->currentIndex() == i)
                pick(i);
            else
                m_subjects->setCurrentIndex(i);
            return;
        }
    }
}

void EntityTab::selectEvent(int eventIndex) {
    select(EventSubject, eventIndex);
}

void EntityTab::selectEntity(int entityIndex) {
    if (entityIndex < 0 || entityIndex >= m_analysis.entities.size())
        return;
    const int event = m_analysis.entities.at(entityIndex).eventIndex;
    if (event >= 0)
        select(EventSubject, event);
    else
        select(EntitySubject, entityIndex);
}

void EntityTab::pick(int comboIndex) {
    if (comboIndex < 0 || comboIndex >= m_subjectList.size())
        return;
    const int index = m_subjectList.at(comboIndex).index;
    switch (m_subjectList.at(comboIndex).kind) {
    case IntegrationSubject:
        showForm(EntityForm::forIntegration(m_json.root, m_analysis));
        break;
    case EventSubject:
        showForm(EntityForm::forEvent(m_json.root, m_analysis, index));
        break;
    case EntitySubject:
        showForm(EntityForm::forEntity(m_json.root, m_analysis, index));
        break;
    }
}

void EntityTab::showForm(const EntityForm &form) {
    m_model->setForm(form, m_findings);
    QString title = form.title;
    if (!form.path.isEmpty())
        title += QStringLiteral("  (") + form.path + u')';
    if (m_json.isLenient())
        title += QStringLiteral(" · read leniently from invalid JSON");
    m_title->setText(title);
    m_notice->setText(form.notice);
    m_notice->setVisible(!form.notice.isEmpty());
    m_noticeIcon->setVisible(!form.notice.isEmpty());
    m_view->setVisible(true);
    m_view->expandAll();
    for (int column = 0; column < EntityFormModel::ColumnCount - 1; ++column)
        m_view->resizeColumnToContents(column);
    Q_EMIT formChanged();
}

void EntityTab::setLinkedIds(const QSet<QString> &ids) {
    m_model->setLinkedIds(ids);
}

void EntityTab::setSecretsRevealed(bool revealed) {
    m_model->setSecretsRevealed(revealed);
}
