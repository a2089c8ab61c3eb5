#include "checkablelistmodel.h"

CheckableListModel::CheckableListModel(CaptureStore *store, bool exclusive, QObject *parent)
    : QAbstractTableModel(parent)
    , m_store(store)
    , m_exclusive(exclusive) {
}

CheckableListModel::~CheckableListModel() = default;

void CheckableListModel::start() {
    if (m_store) {
        connect(m_store, &CaptureStore::rowsAppended, this, &CheckableListModel::followAppend);
        connect(m_store, &CaptureStore::rowsChanged, this, [this] {
            if (m_autoRefresh)
                refresh();
        });
        connect(m_store, &CaptureStore::reset, this, &CheckableListModel::followReset);
        connect(m_store, &CaptureStore::cleared, this, &CheckableListModel::followReset);
    }
    beginResetModel();
    m_items = collect();
    endResetModel();
}

void CheckableListModel::capturesAppended(qsizetype, qsizetype) {
}

void CheckableListModel::storeReset() {
}

void CheckableListModel::followAppend(qsizetype first, qsizetype last) {
    capturesAppended(first, last);
    if (m_autoRefresh)
        refresh();
}

void CheckableListModel::followReset() {
    storeReset();
    refresh();
}

void CheckableListModel::refresh() {
    const QList<Item> items = collect();
    // Same keys in the same order, or the old keys in order with new ones among them:
    // update in place and insert; anything else (values gone) resets the list.
    qsizetype old = 0;
    for (const Item &item : items) {
        if (old < m_items.size() && m_items.at(old).key == item.key)
            ++old;
    }
    if (old != m_items.size()) {
        beginResetModel();
        m_items = items;
        endResetModel();
    } else {
        for (qsizetype i = 0; i < items.size(); ++i) {
            if (i < m_items.size() && m_items.at(i).key == items.at(i).key)
                continue;
            qsizetype end = i;
            while (end < items.size() &&
                   (i >= m_items.size() || items.at(end).key != m_items.at(i).key))
                ++end;
            beginInsertRows(QModelIndex(), int(i), int(end - 1));
            for (qsizetype j = i; j < end; ++j)
                m_items.insert(j, items.at(j));
            endInsertRows();
            i = end - 1;
        }
        bool changed = false;
        for (qsizetype i = 0; i < items.size(); ++i) {
            const Item &now = items.at(i);
            Item &was = m_items[i];
            if (was.count != now.count || was.label != now.label || was.known != now.known ||
                was.description != now.description) {
                was = now;
                changed = true;
            }
        }
        if (changed && !m_items.isEmpty())
            Q_EMIT dataChanged(index(0, 0), index(int(m_items.size()) - 1, ColumnCount - 1));
    }
    // A checked value that is no longer listed could not be unchecked: drop it.
    QSet<QString> listed;
    for (const Item &item : std::as_const(m_items))
        listed.insert(item.key);
    const QSet<QString> kept = QSet<QString>(m_checked).intersect(listed);
    if (kept != m_checked) {
        m_checked = kept;
        Q_EMIT checkedChanged(checkedKeys());
    }
}

QStringList CheckableListModel::checkedKeys() const {
    QStringList keys;
    for (const Item &item : m_items) {
        if (m_checked.contains(item.key))
            keys.append(item.key);
    }
    return keys;
}

void CheckableListModel::setCheckedKeys(const QStringList &keys) {
    QSet<QString> wanted;
    for (const Item &item : std::as_const(m_items)) {
        if (keys.contains(item.key)) {
            wanted.insert(item.key);
            if (m_exclusive)
                break;
        }
    }
    if (wanted == m_checked)
        return;
    m_checked = wanted;
    if (!m_items.isEmpty())
        Q_EMIT dataChanged(index(0, NameColumn), index(int(m_items.size()) - 1, NameColumn),
                           {Qt::CheckStateRole});
    Q_EMIT checkedChanged(checkedKeys());
}

void CheckableListModel::clearChecks() {
    setCheckedKeys({});
}

void CheckableListModel::setChecked(const QString &key, bool checked) {
    if (checked == m_checked.contains(key))
        return;
    if (checked && m_exclusive) {
        setCheckedKeys({key});
        return;
    }
    QStringList keys = checkedKeys();
    if (checked)
        keys.append(key);
    else
        keys.removeAll(key);
    setCheckedKeys(keys);
}

int CheckableListModel::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : int(m_items.size());
}

int CheckableListModel::columnCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CheckableListModel::data(const QModelIndex &index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Item &item = m_items.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return index.column() == NameColumn ? item.label : QString::number(item.count);
    case Qt::CheckStateRole:
        if (index.column() != NameColumn)
            return {};
        return m_checked.contains(item.key) ? Qt::Checked : Qt::Unchecked;
    case Qt::ToolTipRole:
        if (!item.known)
            return QStringLiteral("%1 is not in the published contract").arg(item.label);
        return item.description.isEmpty() ? QVariant() : item.description;
    case Qt::TextAlignmentRole:
        return index.column() == CountColumn
                   ? QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter))
                   : QVariant();
    case SortRole:
        return index.column() == NameColumn ? QVariant(item.label) : QVariant(item.count);
    case KeyRole:
        return item.key;
    case CountRole:
        return item.count;
    case KnownRole:
        return item.known;
    case GroupRole:
        return item.group;
    case DescriptionRole:
        return item.description;
    default:
        return {};
    }
}

bool CheckableListModel::setData(const QModelIndex &index, const QVariant &value, int role) {
    if (role != Qt::CheckStateRole || index.column() != NameColumn ||
        !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    bool ok = false;
    const int state = value.toInt(&ok);
    if (!ok)
        return false;
    setChecked(m_items.at(index.row()).key, state == Qt::Checked);
    return true;
}

QVariant CheckableListModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return nameTitle();
    case CountColumn:
        return QStringLiteral("Captures");
    default:
        return {};
    }
}

Qt::ItemFlags CheckableListModel::flags(const QModelIndex &index) const {
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
    if (index.column() == NameColumn)
        flags |= Qt::ItemIsUserCheckable;
    return flags;
}
