#pragma once

#include "session/capturestore.h"

#include <QAbstractTableModel>
#include <QPointer>
#include <QSet>
#include <QStringList>

/**
 * A checkable list for the filter pane: one row per value of one criterion (a tag,
 * a kind, a contract state, a method, an enterprise, ...) with how many captures of
 * the session have it. Checking rows (Qt::CheckStateRole through setData()) emits
 * checkedChanged() with the keys to filter on; an exclusive list keeps at most one row
 * checked (for single-valued criteria).
 *
 * Rows follow the store: by default every batch refreshes the counts (one
 * dataChanged() for the count column) and inserts rows for values seen for the first
 * time; with autoRefresh off, the ui calls refresh() when it wants (e.g. on a timer).
 * Checked keys are kept by key across refreshes and dropped when their row goes.
 */
class CheckableListModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { NameColumn, CountColumn, ColumnCount };
    enum Role {
        SortRole = Qt::UserRole,
        KeyRole,         ///< QString: what the filter takes (a name, an id)
        CountRole,       ///< qsizetype: captures with this value
        KnownRole,       ///< bool: documented by Mews (false: seen, but not in the contract)
        GroupRole,       ///< QString: a heading, e.g. "Events" / "Actions"
        DescriptionRole, ///< QString: what the contract says about the value
    };
    Q_ENUM(Role)

    /// One row.
    struct Item {
        QString key;
        QString label;
        qsizetype count = 0;
        bool known = true;
        QString group;
        QString description;
    };

    ~CheckableListModel() override;

    QStringList checkedKeys() const;
    void setCheckedKeys(const QStringList &keys);
    void clearChecks();
    bool isExclusive() const { return m_exclusive; }

    bool autoRefresh() const { return m_autoRefresh; }
    void setAutoRefresh(bool on) { m_autoRefresh = on; }
    /// Reads the values and counts again (cheap: no capture is visited).
    void refresh();

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role) override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

Q_SIGNALS:
    /// The checked keys, in row order, after every change of them.
    void checkedChanged(const QStringList &keys);

protected:
    CheckableListModel(CaptureStore *store, bool exclusive, QObject *parent);

    /// The rows as they should be now, in display order.
    virtual QList<Item> collect() const = 0;
    /// Called before refreshing after the store appended rows [first, last].
    virtual void capturesAppended(qsizetype first, qsizetype last);
    /// Called before refreshing after the store was reset or cleared.
    virtual void storeReset();
    /// The header of the name column.
    virtual QString nameTitle() const = 0;

    CaptureStore *store() const { return m_store; }
    /// Subclasses call this at the end of their constructor (collect() is virtual).
    void start();

private:
    void followAppend(qsizetype first, qsizetype last);
    void followReset();
    void setChecked(const QString &key, bool checked);

    QPointer<CaptureStore> m_store;
    QList<Item> m_items;
    QSet<QString> m_checked;
    bool m_exclusive = false;
    bool m_autoRefresh = true;
};
