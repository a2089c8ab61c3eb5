#pragma once

#include "detailroles.h"
#include "mews/mewsanalysis.h"

#include <QAbstractTableModel>

/**
 * The contract findings of one capture: severity, JSON path and message, worst
 * first (errors, warnings, notes), in the decoder's order within a severity.
 */
class FindingsModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { SeverityColumn, PathColumn, MessageColumn, ColumnCount };
    enum Role {
        SortRole = DetailRoles::SortRole, ///< severity (worst highest), then decoder order
        PathRole = DetailRoles::PathRole,
        FindingSeverityRole = DetailRoles::FindingSeverityRole,
    };

    explicit FindingsModel(QObject *parent = nullptr);

    void setFindings(const QList<ContractFinding> &findings);
    void clear() { setFindings({}); }
    const ContractFinding &finding(int row) const { return m_findings.at(row); }

    /// "Error", "Warning", "Note"
    static QString severityName(FindingSeverity severity);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QList<ContractFinding> m_findings;
    QList<int> m_order; ///< position in the decoder's list, for SortRole
};
