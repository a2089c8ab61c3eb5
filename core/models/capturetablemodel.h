#pragma once

#include "session/capturestore.h"

#include <QAbstractTableModel>
#include <QPointer>

/**
 * The capture list: one row per capture of the CaptureStore, in arrival order (row
 * == position in the store's index), read straight from the 64-byte index rows.
 *
 * Inserts follow the store's batches: each rowsAppended(first, last) becomes exactly
 * one beginInsertRows()/endInsertRows(). The store already batches what arrives in
 * one pass of the analysis thread, and a view coalesces repaints itself, so the model
 * does not queue batches of its own; rowCount() follows the signals, never the store,
 * so the two cannot disagree in between. rowsChanged() becomes dataChanged(); reset()
 * and cleared() reset the model.
 *
 * Display strings are for DisplayRole only; SortRole gives the raw value (ms, bytes,
 * codes) and the extra roles the facts the ui decorates with (it has no QColor here).
 */
class CaptureTableModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column {
        NumberColumn,
        TimeColumn,
        MethodColumn,
        PathColumn,
        KindColumn,
        EventsColumn, ///< the action, or the discriminators "ServiceOrderUpdated ×2, MessageAdded"
        EnterpriseColumn,
        EventCountColumn,
        StatusColumn,
        SizeColumn,
        StateColumn,
        DeliveryColumn, ///< "2nd" when Mews sent the message again (CaptureIndexRow::delivery)
        ColumnCount
    };
    enum Role {
        SortRole = Qt::UserRole,
        IdRole,            ///< qint64 capture id
        PositionRole,      ///< qsizetype position in the store
        KindRole,          ///< int(WebhookKind), or CaptureText::NotAnalysed
        StateRole,         ///< int(ContractState), or CaptureText::NotAnalysed
        RejectedRole,      ///< bool
        AnalysedRole,      ///< bool
        HarImportedRole,   ///< bool
        ReceivedUtcMsRole, ///< qint64
        EnterpriseIdRole,  ///< QString, empty when none
        IntegrationIdRole, ///< QString, empty when none
        SummaryRole,       ///< one line: the analysis summary, or "Rejected: <reason>"
    };
    Q_ENUM(Role)

    explicit CaptureTableModel(CaptureStore *store, QObject *parent = nullptr);

    CaptureStore *store() const { return m_store; }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QHash<int, QByteArray> roleNames() const override;

    /// The value of one cell for a role, for a store position (what data() returns).
    static QVariant cellData(const CaptureIndex &index, qsizetype position, int column, int role);
    static QString columnTitle(int column);

private:
    void appendRows(qsizetype first, qsizetype last);
    void changeRows(qsizetype first, qsizetype last);
    void resetRows();

    QPointer<CaptureStore> m_store;
    int m_rows = 0;
};
