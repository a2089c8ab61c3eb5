#include "capturetablemodel.h"

#include "capturetext.h"
#include "session/capturestore.h"
#include "text/countedtext.h"

namespace {

bool isAnalysed(const CaptureIndexRow &row) {
    return row.has(CaptureIndexRow::Analysed);
}

bool hasState(const CaptureIndexRow &row) {
    return row.has(CaptureIndexRow::Analysed) || row.has(CaptureIndexRow::Rejected);
}

/// The action or the events; for a capture with neither, what it is instead: the
/// rejection ("Rejected: conflicting Content-Length values") or the summary
/// ("Not JSON · empty body"), so no row of the table reads blank there.
QString eventsText(const CaptureIndex &index, qsizetype position) {
    QString events = CaptureText::eventsSummary(index, position);
    if (events.isEmpty())
        events = index.text(index.row(position).summary);
    return events;
}

bool showsEventCount(const CaptureIndexRow &row) {
    return isAnalysed(row) && (row.kind == WebhookKind::General || row.eventCount > 0);
}

QVariant alignment(int column) {
    switch (column) {
    case CaptureTableModel::NumberColumn:
    case CaptureTableModel::EventCountColumn:
    case CaptureTableModel::StatusColumn:
    case CaptureTableModel::SizeColumn:
    case CaptureTableModel::DeliveryColumn:
        return QVariant::fromValue(Qt::Alignment(Qt::AlignRight | Qt::AlignVCenter));
    default:
        return {};
    }
}

QVariant displayData(const CaptureIndex &index, qsizetype position, int column) {
    const CaptureIndexRow &row = index.row(position);
    switch (column) {
    case CaptureTableModel::NumberColumn:
        return QString::number(row.id);
    case CaptureTableModel::TimeColumn:
        return CaptureText::localTime(row.receivedUtcMs);
    case CaptureTableModel::MethodColumn:
        return index.text(row.method);
    case CaptureTableModel::PathColumn:
        return CaptureText::maskedPath(index.text(row.path));
    case CaptureTableModel::KindColumn:
        return isAnalysed(row) ? webhookKindName(row.kind) : CaptureText::notAnalysedName();
    case CaptureTableModel::EventsColumn:
        return eventsText(index, position);
    case CaptureTableModel::EnterpriseColumn:
        return CaptureText::enterpriseLabel(index, row.enterpriseId);
    case CaptureTableModel::EventCountColumn:
        return showsEventCount(row) ? QString::number(row.eventCount) : QString();
    case CaptureTableModel::StatusColumn:
        return CaptureText::statusText(row.status, row.responseRecord());
    case CaptureTableModel::SizeColumn:
        return CaptureText::dataSize(row.bodySize);
    case CaptureTableModel::StateColumn:
        return hasState(row) ? CaptureText::stateName(row.state) : CaptureText::notAnalysedName();
    case CaptureTableModel::DeliveryColumn:
        // Only the repeats are marked: a first delivery is what every row is.
        if (row.delivery == CaptureIndexRow::MaxDelivery)
            return QString(CountedText::ordinal(row.delivery) + QStringLiteral(" or later"));
        return row.delivery > 1 ? CountedText::ordinal(row.delivery) : QString();
    default:
        return {};
    }
}

QVariant sortData(const CaptureIndex &index, qsizetype position, int column) {
    const CaptureIndexRow &row = index.row(position);
    switch (column) {
    case CaptureTableModel::NumberColumn:
        return row.id;
    case CaptureTableModel::TimeColumn:
        return row.receivedUtcMs;
    case CaptureTableModel::MethodColumn:
        return index.text(row.method);
    case CaptureTableModel::PathColumn:
        return index.text(row.path);
    case CaptureTableModel::KindColumn:
        return isAnalysed(row) ? int(row.kind) : CaptureText::NotAnalysed;
    case CaptureTableModel::EventsColumn:
        // The first action or discriminator: what the proxy sorts by.
        return index.events().countOf(position) ? index.text(index.events().at(position, 0).name)
                                                : index.text(row.summary);
    case CaptureTableModel::EnterpriseColumn: {
        // The name where known, else the whole id (the label shortens it).
        const QString name = index.enterpriseName(row.enterpriseId);
        return name.isEmpty() ? index.text(row.enterpriseId) : name;
    }
    case CaptureTableModel::EventCountColumn:
        return showsEventCount(row) ? int(row.eventCount) : -1;
    case CaptureTableModel::StatusColumn:
        return int(row.status);
    case CaptureTableModel::SizeColumn:
        return qint64(row.bodySize);
    case CaptureTableModel::StateColumn:
        return hasState(row) ? int(row.state) : CaptureText::NotAnalysed;
    case CaptureTableModel::DeliveryColumn:
        return int(row.delivery);
    default:
        return {};
    }
}

QVariant toolTipData(const CaptureIndex &index, qsizetype position, int column) {
    const CaptureIndexRow &row = index.row(position);
    switch (column) {
    case CaptureTableModel::TimeColumn:
        return CaptureText::isoUtc(row.receivedUtcMs);
    case CaptureTableModel::PathColumn:
        return CaptureText::maskedPath(index.text(row.path));
    case CaptureTableModel::EventsColumn:
        return eventsText(index, position);
    case CaptureTableModel::EnterpriseColumn: {
        if (!row.enterpriseId)
            return {};
        const QString name = index.enterpriseName(row.enterpriseId);
        const QString id = index.text(row.enterpriseId);
        return name.isEmpty() ? id : name + QStringLiteral("\n") + id;
    }
    case CaptureTableModel::SizeColumn:
        return QStringLiteral("%1 bytes").arg(row.bodySize);
    case CaptureTableModel::StatusColumn: {
        QString reason = CaptureText::noStatusReason(row.responseRecord());
        if (!reason.isEmpty())
            reason[0] = reason.at(0).toUpper();
        return reason.isEmpty() ? QVariant() : QVariant(reason);
    }
    case CaptureTableModel::KindColumn:
    case CaptureTableModel::StateColumn:
        return row.summary ? index.text(row.summary)
                           : (hasState(row) ? QVariant() : CaptureText::notAnalysedName());
    default:
        return {};
    }
}

} // namespace

CaptureTableModel::CaptureTableModel(CaptureStore *store, QObject *parent)
    : QAbstractTableModel(parent)
    , m_store(store) {
    if (!store)
        return;
    m_rows = int(store->size());
    connect(store, &CaptureStore::rowsAppended, this, &CaptureTableModel::appendRows);
    connect(store, &CaptureStore::rowsChanged, this, &CaptureTableModel::changeRows);
    connect(store, &CaptureStore::reset, this, &CaptureTableModel::resetRows);
    connect(store, &CaptureStore::cleared, this, &CaptureTableModel::resetRows);
    connect(store, &QObject::destroyed, this, &CaptureTableModel::resetRows);
}

int CaptureTableModel::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : m_rows;
}

int CaptureTableModel::columnCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant CaptureTableModel::data(const QModelIndex &index, int role) const {
    if (!m_store ||
        !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    return cellData(m_store->index(), index.row(), index.column(), role);
}

QVariant CaptureTableModel::cellData(const CaptureIndex &index, qsizetype position, int column,
                                     int role) {
    if (position < 0 || position >= index.size())
        return {};
    const CaptureIndexRow &row = index.row(position);
    switch (role) {
    case Qt::DisplayRole:
        return displayData(index, position, column);
    case Qt::ToolTipRole:
        return toolTipData(index, position, column);
    case Qt::TextAlignmentRole:
        return alignment(column);
    case SortRole:
        return sortData(index, position, column);
    case IdRole:
        return row.id;
    case PositionRole:
        return position;
    case KindRole:
        return isAnalysed(row) ? int(row.kind) : CaptureText::NotAnalysed;
    case StateRole:
        return hasState(row) ? int(row.state) : CaptureText::NotAnalysed;
    case RejectedRole:
        return row.has(CaptureIndexRow::Rejected);
    case AnalysedRole:
        return isAnalysed(row);
    case HarImportedRole:
        return row.has(CaptureIndexRow::HarImported);
    case ReceivedUtcMsRole:
        return row.receivedUtcMs;
    case EnterpriseIdRole:
        return index.text(row.enterpriseId);
    case IntegrationIdRole:
        return index.text(row.integrationId);
    case SummaryRole:
        return index.text(row.summary);
    default:
        return {};
    }
}

QString CaptureTableModel::columnTitle(int column) {
    switch (column) {
    case NumberColumn:
        return QStringLiteral("No.");
    case TimeColumn:
        return QStringLiteral("Time");
    case MethodColumn:
        return QStringLiteral("Method");
    case PathColumn:
        return QStringLiteral("Path");
    case KindColumn:
        return QStringLiteral("Kind");
    case EventsColumn:
        return QStringLiteral("Action / events");
    case EnterpriseColumn:
        return QStringLiteral("Enterprise");
    case EventCountColumn:
        return QStringLiteral("Events");
    case StatusColumn:
        return QStringLiteral("Status");
    case SizeColumn:
        return QStringLiteral("Size");
    case StateColumn:
        return QStringLiteral("Contract");
    case DeliveryColumn:
        return QStringLiteral("Delivery");
    default:
        return {};
    }
}

QVariant CaptureTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || section < 0 || section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (role) {
    case Qt::DisplayRole:
        return columnTitle(section);
    case Qt::ToolTipRole:
        switch (section) {
        case NumberColumn:
            return QStringLiteral("Capture number, in order of arrival");
        case TimeColumn:
            return QStringLiteral("When the first byte arrived (local time)");
        case EventsColumn:
            return QStringLiteral("The action of an Integration webhook, or the discriminators "
                                  "of a General webhook's events");
        case EventCountColumn:
            return QStringLiteral("Number of events of a General webhook");
        case StatusColumn:
            return QStringLiteral("HTTP status this app answered with (— for no response)");
        case SizeColumn:
            return QStringLiteral("Size of the request body");
        case StateColumn:
            return QStringLiteral("How the capture compares with the published contract");
        case DeliveryColumn:
            return QStringLiteral("Marks a message Mews sent again (the same body, method and "
                                  "path as an earlier capture): 2nd, 3rd, ... delivery");
        default:
            return columnTitle(section);
        }
    case Qt::TextAlignmentRole:
        return alignment(section);
    default:
        return {};
    }
}

Qt::ItemFlags CaptureTableModel::flags(const QModelIndex &index) const {
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

QHash<int, QByteArray> CaptureTableModel::roleNames() const {
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(SortRole, QByteArrayLiteral("sortValue"));
    names.insert(IdRole, QByteArrayLiteral("captureId"));
    names.insert(PositionRole, QByteArrayLiteral("position"));
    names.insert(KindRole, QByteArrayLiteral("kind"));
    names.insert(StateRole, QByteArrayLiteral("contractState"));
    names.insert(RejectedRole, QByteArrayLiteral("rejected"));
    names.insert(AnalysedRole, QByteArrayLiteral("analysed"));
    names.insert(HarImportedRole, QByteArrayLiteral("harImported"));
    names.insert(ReceivedUtcMsRole, QByteArrayLiteral("receivedUtcMs"));
    names.insert(EnterpriseIdRole, QByteArrayLiteral("enterpriseId"));
    names.insert(IntegrationIdRole, QByteArrayLiteral("integrationId"));
    names.insert(SummaryRole, QByteArrayLiteral("summary"));
    return names;
}

void CaptureTableModel::appendRows(qsizetype first, qsizetype last) {
    if (first != m_rows) {
        // Missed a batch (cannot happen while connected); start over rather than lie.
        resetRows();
        return;
    }
    beginInsertRows(QModelIndex(), int(first), int(last));
    m_rows = int(last + 1);
    endInsertRows();
}

void CaptureTableModel::changeRows(qsizetype first, qsizetype last) {
    if (first < 0 || last >= m_rows || first > last)
        return;
    Q_EMIT dataChanged(index(int(first), 0), index(int(last), ColumnCount - 1));
}

void CaptureTableModel::resetRows() {
    beginResetModel();
    m_rows = m_store ? int(m_store->size()) : 0;
    endResetModel();
}
