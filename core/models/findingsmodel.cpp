#include "findingsmodel.h"

#include <algorithm>
#include <numeric>

FindingsModel::FindingsModel(QObject *parent)
    : QAbstractTableModel(parent) {
}

void FindingsModel::setFindings(const QList<ContractFinding> &findings) {
    beginResetModel();
    QList<int> order(findings.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&findings](int a, int b) {
        return findings.at(a).severity > findings.at(b).severity;
    });
    m_findings.clear();
    m_findings.reserve(findings.size());
    for (int i : std::as_const(order))
        m_findings.append(findings.at(i));
    m_order = order;
    endResetModel();
}

QString FindingsModel::severityName(FindingSeverity severity) {
    switch (severity) {
    case FindingSeverity::Note:
        return QStringLiteral("Note");
    case FindingSeverity::Warning:
        return QStringLiteral("Warning");
    case FindingSeverity::Error:
        break;
    }
    return QStringLiteral("Error");
}

int FindingsModel::rowCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : int(m_findings.size());
}

int FindingsModel::columnCount(const QModelIndex &parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant FindingsModel::data(const QModelIndex &index, int role) const {
    if (!index.isValid() || index.row() >= m_findings.size())
        return {};
    const ContractFinding &finding = m_findings.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::ToolTipRole:
        switch (index.column()) {
        case SeverityColumn:
            return severityName(finding.severity);
        case PathColumn:
            return finding.path.isEmpty() && role == Qt::DisplayRole ? QStringLiteral("(body)")
                                                                     : finding.path;
        case MessageColumn:
            return finding.message;
        }
        return {};
    case SortRole:
        // Worst first when sorted descending; the decoder's order breaks ties.
        return (qint64(finding.severity) << 32) - m_order.at(index.row());
    case PathRole:
        return finding.path;
    case FindingSeverityRole:
        return int(finding.severity);
    }
    return {};
}

QVariant FindingsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case SeverityColumn:
        return QStringLiteral("Severity");
    case PathColumn:
        return QStringLiteral("Path");
    case MessageColumn:
        return QStringLiteral("Message");
    }
    return {};
}
