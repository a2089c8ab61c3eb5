#pragma once

#include "capturefilter.h"
#include "capturematcher.h"
#include "shownrows.h"
#include "textsearch.h"

#include <QAbstractProxyModel>
#include <QPointer>

#include <vector>

class CaptureIndex;
class CaptureTableModel;

/**
 * The capture list as shown: the captures of a CaptureTableModel that pass a
 * CaptureFilter, in the order of one column.
 *
 * Not a QSortFilterProxyModel: that keeps two maps and a QHash per row and filters
 * through data(), far too slow and too big for a million rows. This proxy keeps one
 * vector of store positions (4 bytes per shown row, plus 4 bytes per row for
 * mapFromSource() when sorted by a column other than the number), filters with a
 * CaptureMatcher on the 64-byte index rows and sorts with CaptureOrder on raw values.
 *
 * Live captures that pass are appended (arrival order), prepended (newest first) or
 * inserted in order (any other sort), one beginInsertRows() per contiguous block.
 * Re-analysed captures are re-checked and moved only if their place changed. A new
 * criterion resets the model; more text matches of a running search insert rows.
 */
class CaptureFilterProxy : public QAbstractProxyModel {
    Q_OBJECT

public:
    explicit CaptureFilterProxy(CaptureTableModel *source, QObject *parent = nullptr);
    ~CaptureFilterProxy() override;

    /// Only a CaptureTableModel can be the source (rows must be store positions).
    void setSourceModel(QAbstractItemModel *sourceModel) override;
    CaptureTableModel *captureModel() const { return m_source; }

    // One setter per criterion (see CaptureFilter).
    void setTags(const QStringList &tags);
    void setKinds(const QList<WebhookKind> &kinds);
    void setDeliveries(const QList<DeliveryKind> &deliveries);
    void setStates(const QList<ContractState> &states);
    void setMethods(const QStringList &methods);
    void setEnterprise(const QString &enterpriseId);
    void setIntegration(const QString &integrationId);
    void setTextMatches(const QList<qint64> &ids);
    void addTextMatches(const QList<qint64> &ids);
    void clearTextMatches();
    /// All criteria at once.
    void setFilter(const CaptureFilter &filter);
    const CaptureFilter &filter() const { return m_filter; }

    /// Follows a TextSearch: its matches become the text criterion (and its reset clears
    /// it). setSearchText() then starts searches through it.
    void setTextSearch(TextSearch *search);
    TextSearch *textSearch() const { return m_textSearch; }
    /// Searches bodies and headers for text through the TextSearch (empty: no text filter).
    void setSearchText(const QString &text);

    /// Rows shown, and captures in the source.
    qsizetype shownCount() const { return m_shown.size(); }
    qsizetype totalCount() const;
    /// The store position shown at a row, or -1.
    qsizetype positionAt(int row) const;
    /// The row showing a store position, or -1 when it is filtered out.
    int rowOfPosition(qsizetype position) const;
    /// Heap bytes this proxy holds (its row vectors), for benchmarks and diagnostics.
    qsizetype approximateBytes() const { return m_shown.approximateBytes(); }

    int sortColumn() const { return m_sortColumn; }
    Qt::SortOrder sortOrder() const { return m_sortOrder; }
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    QModelIndex index(int row, int column,
                      const QModelIndex &parent = QModelIndex()) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    QModelIndex sibling(int row, int column, const QModelIndex &idx) const override;
    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    bool hasChildren(const QModelIndex &parent = QModelIndex()) const override;
    QModelIndex mapToSource(const QModelIndex &proxyIndex) const override;
    QModelIndex mapFromSource(const QModelIndex &sourceIndex) const override;

Q_SIGNALS:
    /// "shown of total": after every change of either.
    void countsChanged(qsizetype shown, qsizetype total);
    /// After any criterion changed; event models follow the same filter with it.
    void filterChanged(const CaptureFilter &filter);

private:
    const CaptureIndex *captureIndex() const;
    qsizetype sourceRows() const;
    void connectSource();
    void refilter();
    void computeRows();
    void insertPositions(std::vector<quint32> added);
    void sourceRowsInserted(const QModelIndex &parent, int first, int last);
    void sourceDataChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight,
                           const QList<int> &roles);
    void sourceAboutToBeReset();
    void sourceReset();
    void emitCounts();
    void applySort();
    void resortIfLabelsChanged();

    QPointer<CaptureTableModel> m_source;
    QPointer<TextSearch> m_textSearch;
    QList<QMetaObject::Connection> m_sourceConnections;
    QList<QMetaObject::Connection> m_searchConnections;
    CaptureFilter m_filter;
    CaptureMatcher m_matcher;
    ShownRows m_shown;
    int m_sortColumn = -1;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
    size_t m_labels = 0; ///< CaptureText::enterpriseNamesSignature() the rows were sorted with
    qsizetype m_lastShown = -1;
    qsizetype m_lastTotal = -1;
};
