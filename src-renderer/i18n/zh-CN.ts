import type { Messages } from './en.ts';

/** 简体中文. Terms follow the project glossary (加速卡, 国产卡, 显存 …). */
export const zhCN: Messages = {
  'app.title': 'CardPlan 算力规划',
  'app.tagline': '大模型部署与训练的算力规划：英伟达与国产加速卡',
  'language.label': '语言',
  'status.loading': '正在连接 CardPlan 服务…',
  'status.error': 'CardPlan 服务无响应：{message}',
  'about.heading': '关于本安装',
  'about.version': '版本',
  'about.runtime': '运行环境',
  'about.runtime.electron': '桌面应用',
  'about.runtime.node': '浏览器测试环境',
  'about.database': '数据库',
  'about.schema': '数据库结构版本',
  'catalog.heading': '内置加速卡目录',
  'catalog.cards': '加速卡',
  'catalog.nvidia': '英伟达',
  'catalog.domestic': '国产卡',
  'catalog.vendors': '厂商',
};
