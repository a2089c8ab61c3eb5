#include "filterpane.h"

#include "filtersection.h"
#include "icons.h"
#include "models/capturefilterproxy.h"
#include "models/capturetablemodel.h"
#include "models/deliverylistmodel.h"
#include "models/enterpriselistmodel.h"
#include "models/integrationlistmodel.h"
#include "models/kindlistmodel.h"
#include "models/methodlistmodel.h"
#include "models/statelistmodel.h"
#include "models/taglistmodel.h"
#include "models/textsearch.h"
#include "panes/elidedlabel.h"
#include "panes/eventnamedecoration.h"
#include "session/capturestore.h"
#include "text/countedtext.h"

#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QScrollArea>
#include <QSortFilterProxyModel>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::Literals::StringLiterals;

namespace {

// "1,234 of 56,789 captures" cut short rather than a count that widens the window.
constexpr int CountsChars = 14;

/// One group ("Events" / "Actions") of the tag list.
QSortFilterProxyModel *groupOf(TagListModel *tags, const QString &group, QObject *parent) {
    auto *proxy = new QSortFilterProxyModel(parent);
    proxy->setSourceModel(tags);
    proxy->setFilterRole(CheckableListModel::GroupRole);
    proxy->setFilterFixedString(group);
    proxy->setFilterCaseSensitivity(Qt::CaseSensitive);
    return proxy;
}

} // namespace

FilterPane::FilterPane(CaptureStore *store, CaptureFilterProxy *proxy, QWidget *parent)
    : QWidget(parent)
    , m_store(store)
    , m_proxy(proxy)
    , m_textSearch(new TextSearch(store, this))
    , m_tags(new TagListModel(store, this))
    , m_states(new StateListModel(store, this))
    , m_kinds(new KindListModel(store, this))
    , m_deliveries(new DeliveryListModel(store, this))
    , m_methods(new MethodListModel(store, this))
    , m_enterprises(new EnterpriseListModel(store, this))
    , m_integrations(new IntegrationListModel(store, this))
    , m_search(new QLineEdit(this))
    , m_counts(new ElidedLabel(CountsChars, this))
    , m_searchState(new QLabel(this))
    , m_clear(new QToolButton(this)) {
    m_proxy->setTextSearch(m_textSearch);
    m_lists = {m_tags, m_states, m_kinds, m_deliveries, m_methods, m_enterprises, m_integrations};
    for (CheckableListModel *list : std::as_const(m_lists))
        list->setAutoRefresh(false);

    m_search->setPlaceholderText(QStringLiteral("Search bodies and headers (Ctrl+F)"));
    m_search->setClearButtonEnabled(true);
    m_search->installEventFilter(this);
    m_searchState->setTextFormat(Qt::PlainText);
    m_searchState->setForegroundRole(QPalette::PlaceholderText);
    m_clear->setIcon(Icons::named(QStringLiteral("filter-clear")));
    m_clear->setText(QStringLiteral("Clear filters"));
    m_clear->setToolTip(QStringLiteral("Show every capture again (Ctrl+Shift+X)"));
    m_clear->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_clear->setAutoRaise(true);
    m_clear->setEnabled(false);

    auto *content = new QWidget;
    auto *lists = new QVBoxLayout(content);
    lists->setContentsMargins(6, 0, 6, 6);
    lists->setSpacing(4);
    auto *scroll = new QScrollArea(this);
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    // Tab goes from list to list (and scrolls to each); the area itself is no stop.
    scroll->setFocusPolicy(Qt::NoFocus);

    const auto section = [&](const QString &title, QAbstractItemModel *model, bool always) {
        auto *decoration = new EventNameDecoration(
            {CheckableListModel::KnownRole, CheckableListModel::NameColumn, -1, -1}, this);
        decoration->setSourceModel(model);
        auto *added = new FilterSection(title, decoration, content);
        added->setAlwaysShown(always);
        m_sections.append(added);
        lists->addWidget(added);
    };
    section(QStringLiteral("Events (General webhooks)"),
            groupOf(m_tags, TagListModel::eventsGroup(), this), true);
    section(QStringLiteral("Actions (Integration webhooks)"),
            groupOf(m_tags, TagListModel::actionsGroup(), this), true);
    section(QStringLiteral("Contract"), m_states, true);
    section(QStringLiteral("Kind"), m_kinds, true);
    section(QStringLiteral("Delivery"), m_deliveries, true);
    section(QStringLiteral("Method"), m_methods, false);
    section(QStringLiteral("Enterprise"), m_enterprises, false);
    section(QStringLiteral("Integration"), m_integrations, false);
    lists->addStretch(1);

    auto *top = new QHBoxLayout;
    top->setContentsMargins(0, 0, 0, 0);
    top->addWidget(m_counts, 1);
    top->addWidget(m_clear);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 0, 0);
    layout->setSpacing(4);
    layout->addWidget(m_search);
    layout->addLayout(top);
    layout->addWidget(m_searchState);
    layout->addWidget(scroll, 1);
    m_searchState->hide();

    connect(m_tags, &CheckableListModel::checkedChanged, this, [this](const QStringList &keys) {
        if (m_clearing)
            return;
        m_proxy->setTags(keys);
        changed();
    });
    connect(m_states, &CheckableListModel::checkedChanged, this, [this] {
        if (m_clearing)
            return;
        m_proxy->setStates(m_states->checkedStates());
        changed();
    });
    connect(m_kinds, &CheckableListModel::checkedChanged, this, [this] {
        if (m_clearing)
            return;
        m_proxy->setKinds(m_kinds->checkedKinds());
        changed();
    });
    connect(m_deliveries, &CheckableListModel::checkedChanged, this, [this] {
        if (m_clearing)
            return;
        m_proxy->setDeliveries(m_deliveries->checkedDeliveries());
        changed();
    });
    connect(m_methods, &CheckableListModel::checkedChanged, this, [this](const QStringList &keys) {
        if (m_clearing)
            return;
        m_proxy->setMethods(keys);
        changed();
    });
    connect(m_enterprises, &CheckableListModel::checkedChanged, this,
            [this](const QStringList &keys) {
                if (m_clearing)
                    return;
                m_proxy->setEnterprise(keys.value(0));
                changed();
            });
    connect(m_integrations, &CheckableListModel::checkedChanged, this,
            [this](const QStringList &keys) {
                if (m_clearing)
                    return;
                m_proxy->setIntegration(keys.value(0));
                changed();
            });
    connect(m_clear, &QToolButton::clicked, this, &FilterPane::clearFilters);

    m_searchTimer.setSingleShot(true);
    m_searchTimer.setInterval(SearchDelayMs);
    connect(m_search, &QLineEdit::textChanged, this, [this] { m_searchTimer.start(); });
    connect(&m_searchTimer, &QTimer::timeout, this, &FilterPane::applySearchNow);
    connect(m_textSearch, &TextSearch::progress, this, &FilterPane::searchProgress);
    connect(m_textSearch, &TextSearch::finished, this, [this](qsizetype matches) {
        m_searchState->setText(QStringLiteral("%1 found").arg(matches));
        m_searchState->setVisible(!m_textSearch->text().isEmpty());
    });
    connect(m_textSearch, &TextSearch::failed, this, [this](const QString &error) {
        m_searchState->setText(QStringLiteral("Search failed: ") + error);
        m_searchState->show();
    });

    m_countTimer.setSingleShot(true);
    m_countTimer.setInterval(CountRefreshMs);
    connect(&m_countTimer, &QTimer::timeout, this, &FilterPane::refreshCounts);
    connect(m_store, &CaptureStore::rowsAppended, this, &FilterPane::scheduleCountRefresh);
    connect(m_store, &CaptureStore::rowsChanged, this, &FilterPane::scheduleCountRefresh);
    // A new or cleared session changes the lists at once (nothing to coalesce).
    connect(m_store, &CaptureStore::reset, this, &FilterPane::refreshCounts);
    connect(m_store, &CaptureStore::cleared, this, &FilterPane::refreshCounts);
    connect(m_proxy, &CaptureFilterProxy::countsChanged, this, &FilterPane::updateCounts);
    updateCounts(m_proxy->shownCount(), m_proxy->totalCount());
}

void FilterPane::focusSearch() {
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

void FilterPane::clearFilters() {
    {
        const QSignalBlocker blocker(m_search);
        m_search->clear();
    }
    m_searchTimer.stop();
    // One refilter for everything, not one per list.
    m_clearing = true;
    for (CheckableListModel *list : std::as_const(m_lists))
        list->clearChecks();
    m_clearing = false;
    m_proxy->setSearchText(QString());
    m_proxy->setFilter(CaptureFilter());
    m_searchState->hide();
    changed();
}

bool FilterPane::hasFilters() const {
    return !m_proxy->filter().isEmpty() || !m_search->text().isEmpty();
}

void FilterPane::applySearchNow() {
    m_searchTimer.stop();
    const QString text = m_search->text().trimmed();
    if (text == m_textSearch->text())
        return;
    m_proxy->setSearchText(text);
    m_searchState->setText(text.isEmpty() ? QString() : QStringLiteral("Searching…"));
    m_searchState->setVisible(!text.isEmpty());
    changed();
}

QString FilterPane::countsText() const {
    return m_counts->text();
}

bool FilterPane::eventFilter(QObject *watched, QEvent *event) {
    if (watched == m_search && event->type() == QEvent::KeyPress &&
        static_cast<QKeyEvent *>(event)->key() == Qt::Key_Escape) {
        if (m_search->text().isEmpty()) {
            Q_EMIT searchDismissed();
        } else {
            m_search->clear();
            applySearchNow();
        }
        return true;
    }
    if (watched == m_search && event->type() == QEvent::KeyPress) {
        const int key = static_cast<QKeyEvent *>(event)->key();
        if (key == Qt::Key_Return || key == Qt::Key_Enter) {
            applySearchNow();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

void FilterPane::scheduleCountRefresh() {
    if (!m_countTimer.isActive())
        m_countTimer.start();
}

void FilterPane::refreshCounts() {
    m_countTimer.stop();
    for (CheckableListModel *list : std::as_const(m_lists))
        list->refresh();
}

void FilterPane::updateCounts(qsizetype shown, qsizetype total) {
    m_counts->setText(CountedText::shownOfTotal(shown, total, "capture"_L1, "captures"_L1));
}

void FilterPane::searchProgress(qint64 searched, qint64 total) {
    if (total <= 0 || m_textSearch->text().isEmpty())
        return;
    m_searchState->setText(QStringLiteral("Searching… %1%").arg(searched * 100 / total));
    m_searchState->show();
}

void FilterPane::changed() {
    const bool active = hasFilters();
    m_clear->setEnabled(active);
    Q_EMIT filtersChanged(active);
}
