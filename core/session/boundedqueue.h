#pragma once

#include <QtGlobal>

#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>

/**
 * A blocking first-in first-out queue of at most capacity items between one producer
 * thread and one consumer thread.
 *
 * push() waits while the queue is full and pop() while it is empty. close() says the
 * producer has finished: pop() returns what is left and then nothing. abort() says the
 * consumer has stopped: every push() from then on returns false at once, so a producer
 * never waits for a consumer that has gone.
 */
template <typename T> class BoundedQueue {
public:
    explicit BoundedQueue(qsizetype capacity)
        : m_capacity(qMax<qsizetype>(1, capacity)) {}

    /// Producer: false when the consumer has aborted (the item is dropped).
    bool push(T item) {
        std::unique_lock lock(m_mutex);
        m_notFull.wait(lock,
                       [this] { return m_aborted || qsizetype(m_items.size()) < m_capacity; });
        if (m_aborted)
            return false;
        m_items.push_back(std::move(item));
        lock.unlock();
        m_notEmpty.notify_one();
        return true;
    }

    /// Producer: no more items will come.
    void close() {
        {
            const std::lock_guard lock(m_mutex);
            m_closed = true;
        }
        m_notEmpty.notify_all();
    }

    /// Consumer: the next item, or nothing once the queue is closed and empty (or aborted).
    std::optional<T> pop() {
        std::unique_lock lock(m_mutex);
        m_notEmpty.wait(lock, [this] { return m_aborted || m_closed || !m_items.empty(); });
        if (m_aborted || m_items.empty())
            return std::nullopt;
        T item = std::move(m_items.front());
        m_items.pop_front();
        lock.unlock();
        m_notFull.notify_one();
        return item;
    }

    /// Consumer: stops taking items; the producer's waits and pushes end at once.
    void abort() {
        {
            const std::lock_guard lock(m_mutex);
            m_aborted = true;
            m_items.clear();
        }
        m_notFull.notify_all();
        m_notEmpty.notify_all();
    }

private:
    const qsizetype m_capacity;
    std::mutex m_mutex;
    std::condition_variable m_notFull;
    std::condition_variable m_notEmpty;
    std::deque<T> m_items;
    bool m_closed = false;
    bool m_aborted = false;
};
