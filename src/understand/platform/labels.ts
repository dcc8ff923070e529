/**
 * Field labels in platform notices (English and the Chinese versions sent to suppliers'
 * back-office accounts), and the subject lines that announce an inquiry.
 */
import type { LabelDictionary } from '../form/fields.ts';

export const PLATFORM_LABELS: LabelDictionary = {
  name: [
    'Buyer',
    'Buyer Name',
    'Buyer name',
    'Name',
    'Contact',
    'Contact Person',
    'Contact Name',
    'From',
    'Sender',
    '买家',
    '买家姓名',
    '联系人',
    '姓名',
  ],
  company: ['Company', 'Company Name', 'Buyer Company', 'Buyer company', '公司', '公司名称', '买家公司'],
  country: [
    'Country',
    'Country/Region',
    'Country / Region',
    'Location',
    'Region',
    '国家',
    '国家/地区',
    '国家和地区',
    '地区',
  ],
  email: ['Email', 'E-mail', 'Buyer Email', 'Email Address', '邮箱', '电子邮件'],
  phone: ['Phone', 'Tel', 'Telephone', 'Mobile', 'WhatsApp', '电话', '手机'],
  product: [
    'Product',
    'Product Name',
    'Products',
    'Inquiry Product',
    'Product Interested',
    'Subject Product',
    'Sourcing Product',
    '产品',
    '产品名称',
    '询盘产品',
  ],
  quantity: [
    'Quantity',
    'Purchase Quantity',
    'Order Quantity',
    'Qty',
    'Estimated Order Quantity',
    'Estimated Quantity',
    '采购数量',
    '数量',
  ],
  message: [
    'Message',
    'Inquiry Content',
    'Inquiry Details',
    'Details',
    'Content',
    'Buyer Message',
    'Requirements',
    'Inquiry',
    '询盘内容',
    '留言',
    '内容',
    '详细需求',
  ],
  buyerId: ['Buyer ID', 'Member ID', 'Buyer Member ID', 'Buyer Login ID', '买家ID', '会员ID'],
  inquiryId: [
    'Inquiry ID',
    'Inquiry No.',
    'Inquiry No',
    'Inquiry Number',
    'RFQ ID',
    'RFQ No.',
    'Message ID',
    '询盘编号',
    '询盘ID',
  ],
};

/** Subjects or opening lines of inquiry notices (not account, billing or marketing notices). */
export const INQUIRY_NOTICE =
  /\b(?:new (?:inquiry|enquiry|message|rfq)|inquiry (?:from|about|for)|enquiry (?:from|about|for)|received (?:a|an) (?:new )?(?:inquiry|enquiry|message)|buying request|request for quotation|quotation request|rfq)\b|询盘|询价|新消息|买家留言/i;

/** "... inquiry from John Smith", "来自 John Smith 的询盘". */
export const SUBJECT_BUYER = [
  /\b(?:inquiry|enquiry|message|rfq|request)\s+from\s+(.+?)(?:\s+(?:about|for|regarding|on)\s|\s*[-–|:(]|$)/i,
  /\b(?:inquiry|enquiry|rfq)\b.*?\bfrom\s+(.+?)(?:\s*[-–|:(]|$)/i,
  /来自\s*(.+?)\s*的(?:新)?(?:询盘|消息|询价)/,
];
